import { ConfigurationError } from './env-reader';
import { choice, declareVariables, documented, integer, read, text } from './variable-declaration';

const doc = {
  group: 'Services',
  meaning: 'a test variable',
  readBy: ['gateway'],
  secret: false,
} as const;

const TestVariables = declareVariables({
  TEST_TIMEOUT_MS: integer({ ...doc, fallback: 3000, min: 1 }),
  TEST_NAME: text({ ...doc, defaultText: "the service's own name" }),
  TEST_MODE: choice({ ...doc, choices: ['a', 'b'], fallback: 'a' }),
  TEST_LIBRARY_SETTING: documented({ ...doc, source: { package: 'some-package' } }),
});

describe('a declared variable', () => {
  it('is named after its key, and documents the default it reads', () => {
    expect(TestVariables.TEST_TIMEOUT_MS).toMatchObject({
      name: 'TEST_TIMEOUT_MS',
      default: '3000',
      fallback: 3000,
      min: 1,
      source: 'code',
    });
    expect(TestVariables.TEST_NAME.default).toBe("the service's own name");
    expect(TestVariables.TEST_LIBRARY_SETTING).toMatchObject({ name: 'TEST_LIBRARY_SETTING' });
    expect(TestVariables.TEST_LIBRARY_SETTING.default).toBeUndefined();
  });

  it('reads its value, its default when unset or blank, or the caller computed default', () => {
    expect(read({ TEST_TIMEOUT_MS: ' 250 ' }, TestVariables.TEST_TIMEOUT_MS)).toBe(250);
    expect(read({ TEST_TIMEOUT_MS: '  ' }, TestVariables.TEST_TIMEOUT_MS)).toBe(3000);
    expect(read({}, TestVariables.TEST_NAME)).toBeUndefined();
    expect(read({}, TestVariables.TEST_NAME, 'gateway')).toBe('gateway');
    expect(read({ TEST_NAME: 'edge' }, TestVariables.TEST_NAME, 'gateway')).toBe('edge');
    expect(read({ TEST_MODE: 'b' }, TestVariables.TEST_MODE)).toBe('b');
  });

  it('fails with its name and what was expected', () => {
    expect(() => read({ TEST_TIMEOUT_MS: '0' }, TestVariables.TEST_TIMEOUT_MS)).toThrow(
      new ConfigurationError('TEST_TIMEOUT_MS', 'a whole number of at least 1', '0'),
    );
    expect(() => read({ TEST_MODE: 'c' }, TestVariables.TEST_MODE)).toThrow(
      'TEST_MODE must be one of a, b, got "c"',
    );
  });
});
