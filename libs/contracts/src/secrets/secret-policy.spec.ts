import { SECRET_EXAMPLES } from '@cruddur/testing';
import { ENVIRONMENT_VARIABLES } from '../config/environment-variables';
import {
  HEADER_LIST_VARIABLES,
  SECRET_VARIABLES,
  isSecretName,
  redactSecretPatterns,
  secretValuesIn,
} from './secret-policy';

describe('secret policy', () => {
  it('names exactly the variables the registry marks secret, header lists among them', () => {
    expect([...SECRET_VARIABLES].sort()).toEqual(
      ENVIRONMENT_VARIABLES.filter((v) => v.secret)
        .map((v) => v.name)
        .sort(),
    );
    expect(SECRET_VARIABLES).toEqual(expect.arrayContaining(['AWS_SECRET_ACCESS_KEY']));
    for (const name of HEADER_LIST_VARIABLES) expect(SECRET_VARIABLES).toContain(name);
  });

  it.each(SECRET_EXAMPLES.names)('names %s a secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each(SECRET_EXAMPLES.ordinaryNames)('does not name %s a secret', (name) => {
    expect(isSecretName(name)).toBe(false);
  });

  it.each(SECRET_EXAMPLES.texts)('replaces the secret in $text', ({ text, secret }) => {
    const redacted = redactSecretPatterns(text, '<gone>');
    expect(redacted).toContain('<gone>');
    expect(redacted).not.toContain(secret);
  });

  it('leaves ordinary text alone, and writes a marker with `$` as it is', () => {
    expect(redactSecretPatterns(SECRET_EXAMPLES.ordinaryText, '<gone>')).toBe(
      SECRET_EXAMPLES.ordinaryText,
    );
    expect(redactSecretPatterns('token=abcdef', '$1$&')).toBe('token=$1$&');
  });

  it("finds the process's secret values, header list values decoded, longest first", () => {
    const values = secretValuesIn({
      ...SECRET_EXAMPLES.env,
      NATS_TOKEN: 'short',
      PATH: '/usr/bin',
    });
    expect([...values].sort()).toEqual(
      [...SECRET_EXAMPLES.envValues, 'example%20team%20key'].sort(),
    );
    expect(values.map((v) => v.length)).toEqual(
      [...values.map((v) => v.length)].sort((a, b) => b - a),
    );
  });
});
