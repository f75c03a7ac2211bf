import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import {
  renderConfigurationTables,
  renderEnvExample,
  replaceConfigurationSection,
} from './configuration-docs';
import { ENVIRONMENT_VARIABLES } from './environment-variables';
import type { EnvironmentVariable } from './environment-variables';

const ROOT = join(__dirname, '..', '..', '..', '..');
const NAME_SHAPE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/**
 * Upper-case literals in the code that are NOT environment variables. Each must still occur in
 * the code (a stale entry fails), and each says why it is not one.
 */
const NOT_VARIABLES: Record<string, string> = {
  HOME_ACTIVITIES: 'gateway: injection token (Symbol description) of the home feed client',
  HOME_ACTIVITIES_CLIENT: 'contracts: injection token name of the gateway client',
  NOTIFICATIONS_CLIENT: 'contracts: injection token name of the gateway client',
  GATEWAY_CONFIG: 'gateway: injection token of its configuration',
  TELEMETRY_RELAY_CONFIG: 'gateway: injection token of the relay configuration',
  SERVICE_LOGGING: 'observability: injection token (Symbol description)',
  ERR_BUFFER_TOO_LARGE: 'inspector: a Node error code',
  EAI_AGAIN: 'a DNS error code (getaddrinfo)',
  CLK_TCK: 'bench: a getconf name (clock ticks per second)',
  EVENT_OVERHEAD_BYTES: "telemetry-wire: a key of CloudWatch's PutLogEvents limits",
  MAX_EVENT_BYTES: "telemetry-wire: a key of CloudWatch's PutLogEvents limits",
  MAX_BATCH_BYTES: "telemetry-wire: a key of CloudWatch's PutLogEvents limits",
  MAX_BATCH_EVENTS: "telemetry-wire: a key of CloudWatch's PutLogEvents limits",
  MAX_BATCH_SPAN_MS: "telemetry-wire: a key of CloudWatch's PutLogEvents limits",
  MAX_AGE_MS: "telemetry-wire: a key of CloudWatch's PutLogEvents limits",
  MAX_FUTURE_MS: "telemetry-wire: a key of CloudWatch's PutLogEvents limits",
  NATS_NO_RESPONDERS: 'observability: an error code of the NATS transport',
  NATS_RESPONDER_VANISHED: 'observability: an error code of the NATS transport',
  NATS_DISCONNECTED: 'observability: an error code of the NATS transport',
  COUNT_DISTINCT: "inspector: one of Honeycomb's query calculations",
};

/**
 * Variables the code passes to child processes without reading them as configuration: process
 * plumbing that Node and the shell define.
 */
const PASSED_THROUGH: Record<string, string> = {
  NODE_OPTIONS: "bench: Node's own options, set for the services it starts",
  OTEL_NODE_RESOURCE_DETECTORS:
    "bench: for the auto-instrumentations' own SDK in configuration (4); the services never read it",
  NX_NO_CLOUD: "npm start: Nx's own setting, set for the build it runs",
  NX_SKIP_VSCODE_EXTENSION_INSTALL: "npm start: Nx's own setting, set for the build it runs",
};

/** The registry and its renderers name every variable: scanning them would prove nothing. */
const REGISTRY_FILES = [
  join(__dirname, 'environment-variables.ts'),
  join(__dirname, 'configuration-docs.ts'),
];

/** Where the scan looks: every source of the apps, libs and tools, but not tests. */
function sourceFiles(directory: string, files: string[] = []): string[] {
  for (const entry of readdirSync(directory)) {
    const path = join(directory, entry);
    if (['node_modules', 'dist', 'test', 'coverage', 'public'].includes(entry)) continue;
    // libs/testing is test-only support (it sets variables for the processes tests start).
    if (relative(ROOT, path) === join('libs', 'testing')) continue;
    // So is the fault suite, which gives the services it starts dummy AWS settings.
    if (relative(ROOT, path) === join('tools', 'faults')) continue;
    if (REGISTRY_FILES.includes(path)) continue;
    if (statSync(path).isDirectory()) {
      sourceFiles(path, files);
    } else if (
      /\.(ts|tsx|mts|js|mjs|cjs)$/.test(entry) &&
      !/\.(spec|e2e-spec)\.tsx?$/.test(entry) &&
      !/^(jest|vite|vitest)\.config\./.test(entry)
    ) {
      files.push(path);
    }
  }
  return files;
}

/** Each name that looks like a variable, with the files it occurs in. */
function scanVariableNames(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const note = (name: string, file: string) => {
    if (!NAME_SHAPE.test(name)) return;
    found.set(name, (found.get(name) ?? new Set()).add(relative(ROOT, file)));
  };
  const files = ['apps', 'libs', 'tools'].flatMap((folder) => sourceFiles(join(ROOT, folder)));
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    const visit = (node: ts.Node): void => {
      // 'X' anywhere: read*(env, 'X'), env['X'], the endpoints' hostVariable, variable maps.
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        note(node.text, file);
      }
      // process.env.X, env.X, options.env.X
      if (
        ts.isPropertyAccessExpression(node) &&
        /(^|\.)env$/i.test(node.expression.getText(source))
      ) {
        note(node.name.text, file);
      }
      // { X: value }: environments written for child processes (npm start, the benchmark).
      if (
        (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) &&
        ts.isIdentifier(node.name)
      ) {
        note(node.name.text, file);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** The folder of an installed package (whose exports map may not list `package.json`). */
function packageRoot(name: string): string {
  let directory = dirname(require.resolve(name, { paths: [ROOT] }));
  while (!existsSync(join(directory, 'package.json')) || !isPackage(directory, name)) {
    directory = dirname(directory);
  }
  return directory;
}

function isPackage(directory: string, name: string): boolean {
  return (
    (JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: string })
      .name === name
  );
}

function packageMentions(name: string, token: string): boolean {
  const search = (directory: string): boolean =>
    readdirSync(directory).some((entry) => {
      const path = join(directory, entry);
      if (entry === 'node_modules') return false;
      if (statSync(path).isDirectory()) return search(path);
      return /\.(c?js|mjs)$/.test(entry) && readFileSync(path, 'utf8').includes(token);
    });
  return search(packageRoot(name));
}

const scanned = scanVariableNames();
const registry = new Map(ENVIRONMENT_VARIABLES.map((variable) => [variable.name, variable]));
const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');

function isRead(variable: EnvironmentVariable): boolean {
  const { source } = variable;
  if (source === 'code') return scanned.has(variable.name);
  if (source === 'compose') return compose.includes(`\${${variable.name}`);
  return packageMentions(source.package, source.token ?? variable.name);
}

describe('the environment variable registry', () => {
  it('names each variable once, in the variable shape, with a one-line meaning', () => {
    expect(registry.size).toBe(ENVIRONMENT_VARIABLES.length);
    for (const variable of ENVIRONMENT_VARIABLES) {
      expect(variable.name).toMatch(NAME_SHAPE);
      expect(variable.meaning).toMatch(/^[^\n]{3,}$/);
      expect(variable.readBy.length).toBeGreaterThan(0);
      if (variable.secret) expect(variable.default).toBeUndefined();
    }
  });

  it('lists every variable the code reads', () => {
    const missing = [...scanned]
      .filter(([name]) => !registry.has(name) && !NOT_VARIABLES[name] && !PASSED_THROUGH[name])
      .map(([name, files]) => `${name} (${[...files].join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('lists only variables something reads', () => {
    const unread = ENVIRONMENT_VARIABLES.filter((variable) => !isRead(variable)).map(
      (variable) => `${variable.name} (${JSON.stringify(variable.source)})`,
    );
    expect(unread).toEqual([]);
  });

  it('keeps no stale allow-list entry', () => {
    const stale = [...Object.keys(NOT_VARIABLES), ...Object.keys(PASSED_THROUGH)].filter(
      (name) => !scanned.has(name) || registry.has(name),
    );
    expect(stale).toEqual([]);
  });

  it('knows every variable docker-compose.yml sets or interpolates', () => {
    const file = parseYaml(compose, { merge: true }) as {
      services: Record<string, { environment?: Record<string, unknown> }>;
    };
    const set = Object.values(file.services).flatMap((service) =>
      Object.keys(service.environment ?? {}),
    );
    // Every value of the file (comments are not values), searched for ${NAME.
    const interpolated = [...JSON.stringify(file).matchAll(/\$\{([A-Z0-9_]+)/g)].map(
      (match) => match[1],
    );
    const unknown = [...new Set([...set, ...interpolated])].filter((name) => !registry.has(name));
    expect(unknown).toEqual([]);
  });
});

describe('the generated configuration docs', () => {
  const envExample = readFileSync(join(ROOT, '.env.example'), 'utf8');

  it('.env.example is what `npm run config:docs` writes', () => {
    expect(envExample).toBe(renderEnvExample(ENVIRONMENT_VARIABLES));
  });

  it("README's configuration tables are what `npm run config:docs` writes", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toBe(
      replaceConfigurationSection(readme, renderConfigurationTables(ENVIRONMENT_VARIABLES)),
    );
  });

  it('every variable in .env.example is in the registry and read somewhere', () => {
    const names = [...envExample.matchAll(/^# ([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);
    expect(names.length).toBe(ENVIRONMENT_VARIABLES.length);
    for (const name of names) {
      const variable = registry.get(name);
      expect(variable).toBeDefined();
      expect(isRead(variable as EnvironmentVariable)).toBe(true);
    }
  });

  it('leaves every secret blank in .env.example', () => {
    for (const variable of ENVIRONMENT_VARIABLES.filter((v) => v.secret)) {
      expect(envExample).toContain(`\n# ${variable.name}=\n`);
    }
  });

  it('fails loudly on a README without markers', () => {
    expect(() => replaceConfigurationSection('# no markers\n', 'x')).toThrow(
      /README.md has no configuration markers/,
    );
  });
});
