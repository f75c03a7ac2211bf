import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  renderConfigurationTables,
  renderEnvExample,
  replaceConfigurationSection,
} from './configuration-docs';
import { ENVIRONMENT_VARIABLES } from './environment-variables';
import type { EnvironmentVariable } from './environment-variables';
import { variableReadProblems } from '../../test/variable-reads.scanner';
import type { ReadAllowances, SourceText } from '../../test/variable-reads.scanner';

const ROOT = join(__dirname, '..', '..', '..', '..');
const NAME_SHAPE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** The exceptions the read check allows, each with its reason. */
const ALLOWED: ReadAllowances = {
  notConfiguration: {
    NODE_OPTIONS: "Node's own options: the benchmark adds --cpu-prof to what the services get",
    PATH: "the shell's: the benchmark hands it to the inspector it starts",
  },
  readsByName: {
    'tools/mesh/start-mesh.mjs': 'NO_COLOR colours the build it runs before the libraries exist',
    'tools/mesh/mesh-services.mjs':
      'lists the processes before the build, so it cannot import the declarations yet',
  },
  dynamicReads: {
    'libs/contracts/src/config/env-reader.ts': 'the parsers: every declaration reads through them',
    'libs/contracts/src/config/variable-declaration.ts': 'hands each declaration its own name',
    'tools/mesh/local-defaults.mjs':
      'asks whether the user set a variable (any of the local defaults) before defaulting it',
  },
};

/** Where the check looks: every source of the apps, libs and tools, but not tests. */
function sourceFiles(directory: string, files: string[] = []): string[] {
  for (const entry of readdirSync(directory)) {
    const path = join(directory, entry);
    if (['node_modules', 'dist', 'test', 'coverage', 'public'].includes(entry)) continue;
    // libs/testing is test-only support (it sets variables for the processes tests start).
    if (relative(ROOT, path) === join('libs', 'testing')) continue;
    // So is the fault suite, which gives the services it starts dummy AWS settings.
    if (relative(ROOT, path) === join('tools', 'faults')) continue;
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

const SOURCES: SourceText[] = ['apps', 'libs', 'tools']
  .flatMap((folder) => sourceFiles(join(ROOT, folder)))
  .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

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

const registry = new Map(ENVIRONMENT_VARIABLES.map((variable) => [variable.name, variable]));
const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');

/** Whether something reads `variable`; the code's reads are the read check's business. */
function isRead(variable: EnvironmentVariable): boolean {
  const { source } = variable;
  if (source === 'code' || source === 'script') return true;
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

  it('declares every variable the code reads, and the code reads each through its declaration', () => {
    expect(variableReadProblems(SOURCES, ENVIRONMENT_VARIABLES, ALLOWED)).toEqual([]);
  });

  it('lists only variables a library or compose reads, among those the code does not', () => {
    const unread = ENVIRONMENT_VARIABLES.filter((variable) => !isRead(variable)).map(
      (variable) => `${variable.name} (${JSON.stringify(variable.source)})`,
    );
    expect(unread).toEqual([]);
  });

  it('keeps no stale allowance', () => {
    const allowedFiles = [
      ...Object.keys(ALLOWED.dynamicReads),
      ...Object.keys(ALLOWED.readsByName ?? {}),
    ].filter((path) => !SOURCES.some((file) => file.path === path));
    const allowedNames = Object.keys(ALLOWED.notConfiguration).filter(
      (name) => registry.has(name) || !SOURCES.some((file) => file.text.includes(name)),
    );
    expect([...allowedFiles, ...allowedNames]).toEqual([]);
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
