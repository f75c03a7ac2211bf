import * as ts from 'typescript';

/** The typed readers a name can be handed to instead of a declaration. */
const NAME_READERS = new Set([
  'readString',
  'readInteger',
  'readBoolean',
  'readChoice',
  'readPort',
]);

/** What one source file does with environment variables. */
export interface VariableReads {
  /** Names read as text: `process.env.X`, `env.X`, `env['X']`, `readString(env, 'X')`. */
  byName: string[];
  /** Declarations the file reads through: `Variables.X` (not only its `.fallback` or `.choices`). */
  byDeclaration: string[];
  /** Reads whose name is computed (`env[name]`), which no scan can check: `line: text`. */
  dynamic: string[];
}

function isEnv(expression: ts.Expression, source: ts.SourceFile): boolean {
  return /(^|\.)env$/i.test(expression.getText(source));
}

function isWrite(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    ts.isBinaryExpression(parent) &&
    parent.left === node &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
  );
}

/** Finds every read of a variable in `text` (TypeScript or JavaScript). */
export function scanVariableReads(file: string, text: string): VariableReads {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const reads: VariableReads = { byName: [], byDeclaration: [], dynamic: [] };
  const dynamic = (node: ts.Node) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    reads.dynamic.push(`${line}: ${node.getText(source)}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) {
      // Variables.X, unless only its default or choices are taken (a constant, not a read).
      if (ts.isIdentifier(node.expression) && node.expression.text === 'Variables') {
        const parent = node.parent;
        const member = ts.isPropertyAccessExpression(parent) ? parent.name.text : undefined;
        if (member !== 'fallback' && member !== 'choices') reads.byDeclaration.push(node.name.text);
      } else if (isEnv(node.expression, source) && !isWrite(node)) {
        reads.byName.push(node.name.text);
      }
    }
    if (ts.isElementAccessExpression(node) && isEnv(node.expression, source) && !isWrite(node)) {
      const key = node.argumentExpression;
      if (ts.isStringLiteralLike(key)) reads.byName.push(key.text);
      else if (!/^Variables\.\w+\.name$/.test(key.getText(source))) dynamic(node);
    }
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      NAME_READERS.has(node.expression.text) &&
      node.arguments.length >= 2
    ) {
      const name = node.arguments[1];
      if (ts.isStringLiteralLike(name)) reads.byName.push(name.text);
      else dynamic(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return reads;
}

/** A source file to check. */
export interface SourceText {
  path: string;
  text: string;
}

/** What the check knows of a declared variable. */
export interface DeclaredName {
  name: string;
  source: unknown;
}

/** Exceptions to the check, each with its reason: names and files. */
export interface ReadAllowances {
  /** Names read that are not configuration of ours (Node's, the shell's): name -> why. */
  notConfiguration: Record<string, string>;
  /** Files that may read `code` variables by name (scripts that run before the build): path -> why. */
  readsByName?: Record<string, string>;
  /** Files whose computed reads (`env[name]`) are allowed: path -> why. */
  dynamicReads: Record<string, string>;
}

/**
 * Every way `files` break the rule "each variable is declared once and read through its
 * declaration": a read of an undeclared name, a read of a declared `code` variable by its name
 * instead of its declaration, a computed read outside the allowed files, a `code` variable nothing
 * reads through its declaration, a `script` variable no script reads. Empty when all is well.
 */
export function variableReadProblems(
  files: readonly SourceText[],
  declared: readonly DeclaredName[],
  allowed: ReadAllowances,
): string[] {
  const sources = new Map(declared.map((variable) => [variable.name, variable.source]));
  const problems: string[] = [];
  const readByDeclaration = new Set<string>();
  const readByName = new Set<string>();
  for (const file of files) {
    const reads = scanVariableReads(file.path, file.text);
    for (const name of reads.byName) {
      readByName.add(name);
      if (allowed.notConfiguration[name]) continue;
      if (!sources.has(name)) problems.push(`${name} is read but not declared (${file.path})`);
      else if (sources.get(name) === 'code' && !allowed.readsByName?.[file.path]) {
        problems.push(`${name} is read by name, not through Variables.${name} (${file.path})`);
      }
    }
    for (const name of reads.byDeclaration) readByDeclaration.add(name);
    if (!allowed.dynamicReads[file.path]) {
      for (const read of reads.dynamic) {
        problems.push(`a computed variable name cannot be checked (${file.path}:${read})`);
      }
    }
  }
  for (const { name, source } of declared) {
    if (source === 'code' && !readByDeclaration.has(name)) {
      problems.push(`${name} is declared but never read through Variables.${name}`);
    }
    if (source === 'script' && !readByName.has(name)) {
      problems.push(`${name} is declared as read by a script, but no script reads it`);
    }
  }
  return problems;
}
