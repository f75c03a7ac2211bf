import { scanVariableReads, variableReadProblems } from '../../test/variable-reads.scanner';
import type { ReadAllowances } from '../../test/variable-reads.scanner';

const DECLARED = [
  { name: 'LOG_LEVEL', source: 'code' },
  { name: 'MESH_REPLICAS', source: 'script' },
];
const NONE: ReadAllowances = { notConfiguration: {}, dynamicReads: {} };
const GOOD = {
  path: 'libs/x/settings.ts',
  text: 'const level = read(env, Variables.LOG_LEVEL);\nconst replicas = process.env.MESH_REPLICAS;',
};

describe('the variable read check', () => {
  it('passes a source that reads each declared variable through its declaration', () => {
    expect(variableReadProblems([GOOD], DECLARED, NONE)).toEqual([]);
  });

  it.each([
    ['process.env.EXTRA_SETTING', 'EXTRA_SETTING is read but not declared (libs/x/extra.ts)'],
    ["options.env['EXTRA_SETTING']", 'EXTRA_SETTING is read but not declared (libs/x/extra.ts)'],
    [
      "readInteger(env, 'EXTRA_SETTING', 1)",
      'EXTRA_SETTING is read but not declared (libs/x/extra.ts)',
    ],
    [
      "readString(process.env, 'LOG_LEVEL', 'info')",
      'LOG_LEVEL is read by name, not through Variables.LOG_LEVEL (libs/x/extra.ts)',
    ],
    ['env[name]', 'a computed variable name cannot be checked (libs/x/extra.ts:1: env[name])'],
  ])('fails when a source adds %s', (read, problem) => {
    const added = { path: 'libs/x/extra.ts', text: `export const value = ${read};\n` };
    expect(variableReadProblems([GOOD, added], DECLARED, NONE)).toEqual([problem]);
  });

  it('fails when a declared variable is never read through its declaration', () => {
    const onlyDefault = {
      path: 'libs/x/settings.ts',
      text: 'const level = Variables.LOG_LEVEL.fallback;\nprocess.env.MESH_REPLICAS;',
    };
    expect(variableReadProblems([onlyDefault], DECLARED, NONE)).toEqual([
      'LOG_LEVEL is declared but never read through Variables.LOG_LEVEL',
    ]);
  });

  it('fails when no script reads a script variable', () => {
    const noScript = { path: 'libs/x/settings.ts', text: 'read(env, Variables.LOG_LEVEL);' };
    expect(variableReadProblems([noScript], DECLARED, NONE)).toEqual([
      'MESH_REPLICAS is declared as read by a script, but no script reads it',
    ]);
  });

  it('takes writes for child processes for what they are, not reads', () => {
    const reads = scanVariableReads('x.mjs', "env.NODE_OPTIONS = '--cpu-prof';\n");
    expect(reads).toEqual({ byName: [], byDeclaration: [], dynamic: [] });
  });

  it('allows a listed name or a listed file of computed reads', () => {
    const added = { path: 'tools/x.mjs', text: 'process.env.PATH; env[name];' };
    const allowed = { notConfiguration: { PATH: 'why' }, dynamicReads: { 'tools/x.mjs': 'why' } };
    expect(variableReadProblems([GOOD, added], DECLARED, allowed)).toEqual([]);
  });
});
