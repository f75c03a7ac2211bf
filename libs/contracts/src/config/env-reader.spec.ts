import {
  ConfigurationError,
  readBoolean,
  readChoice,
  readInteger,
  readPort,
  readString,
} from './env-reader';

describe('environment readers', () => {
  it('fall back when a variable is unset or blank', () => {
    expect(readPort({}, 'GATEWAY_PORT', 4567)).toBe(4567);
    expect(readPort({ GATEWAY_PORT: '  ' }, 'GATEWAY_PORT', 4567)).toBe(4567);
    expect(readString({}, 'FRONTEND_URL', 'http://localhost:3000')).toBe('http://localhost:3000');
    expect(readString({}, 'UNSET')).toBeUndefined();
    expect(readBoolean({}, 'OTEL_SDK_DISABLED', false)).toBe(false);
  });

  it('parse valid values', () => {
    expect(readPort({ P: '0' }, 'P', 1)).toBe(0);
    expect(readInteger({ T: '250' }, 'T', 1, 1)).toBe(250);
    expect(readBoolean({ B: 'TRUE' }, 'B', false)).toBe(true);
    expect(readBoolean({ B: 'off' }, 'B', true)).toBe(false);
    expect(
      readChoice({ C: 'http/json' }, 'C', ['http/protobuf', 'http/json'], 'http/protobuf'),
    ).toBe('http/json');
  });

  it.each([
    [
      () => readPort({ GATEWAY_PORT: '45a' }, 'GATEWAY_PORT', 1),
      'GATEWAY_PORT must be a port number between 0 and 65535, got "45a"',
    ],
    [
      () => readPort({ GATEWAY_PORT: '70000' }, 'GATEWAY_PORT', 1),
      'GATEWAY_PORT must be a port number between 0 and 65535, got "70000"',
    ],
    [() => readInteger({ T: '0' }, 'T', 5, 1), 'T must be a whole number of at least 1, got "0"'],
    [
      () => readBoolean({ OTEL_SDK_DISABLED: 'maybe' }, 'OTEL_SDK_DISABLED', false),
      'OTEL_SDK_DISABLED must be true or false, got "maybe"',
    ],
    [
      () =>
        readChoice(
          { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
          'OTEL_EXPORTER_OTLP_PROTOCOL',
          ['http/protobuf', 'http/json'],
          'http/protobuf',
        ),
      'OTEL_EXPORTER_OTLP_PROTOCOL must be one of http/protobuf, http/json, got "grpc"',
    ],
  ])('fail with the variable name and what was expected', (read, message) => {
    expect(read).toThrow(
      new ConfigurationError('x', 'y', 'z').constructor as typeof ConfigurationError,
    );
    expect(read).toThrow(message);
  });
});
