import { parseDaemonAddress } from './daemon-address';
import { resolveXRayOptions } from './xray.options';

describe('AWS_XRAY_DAEMON_ADDRESS', () => {
  it.each([
    ['127.0.0.1:2000', { host: '127.0.0.1', port: 2000 }],
    ['xray-daemon:2000', { host: 'xray-daemon', port: 2000 }],
    ['udp:10.0.0.1:2001 tcp:10.0.0.1:2000', { host: '10.0.0.1', port: 2001 }],
    ['tcp:10.0.0.1:2000 udp:10.0.0.2:2002', { host: '10.0.0.2', port: 2002 }],
  ])('reads %s', (value, expected) => {
    expect(parseDaemonAddress(value)).toEqual(expected);
  });

  it.each([
    '2000',
    ':2000',
    'host:',
    'host:0',
    'host:70000',
    'udp:a:1',
    'udp:a:1 udp:b:2',
    'a b c',
  ])('rejects %s naming the variable', (value) => {
    expect(() => parseDaemonAddress(value)).toThrow(/^AWS_XRAY_DAEMON_ADDRESS must be host:port/);
  });

  it('is validated at start-up with the other X-Ray variables', () => {
    expect(() =>
      resolveXRayOptions('gateway', {}, { AWS_XRAY_DAEMON_ADDRESS: 'nonsense' }),
    ).toThrow(/AWS_XRAY_DAEMON_ADDRESS/);
    expect(() => resolveXRayOptions('gateway', {}, { AWS_XRAY_SDK_ENABLED: 'maybe' })).toThrow(
      /AWS_XRAY_SDK_ENABLED must be true or false/,
    );
    expect(
      resolveXRayOptions(
        'gateway',
        {},
        { AWS_XRAY_TRACING_NAME: 'Cruddur', AWS_XRAY_URL: '*.gitpod.io' },
      ),
    ).toMatchObject({
      enabled: true,
      daemonAddress: { host: '127.0.0.1', port: 2000 },
      segmentName: 'Cruddur',
      dynamicNaming: '*.gitpod.io',
      samplingRules: [expect.objectContaining({ RuleName: 'Cruddur' })],
    });
  });
});
