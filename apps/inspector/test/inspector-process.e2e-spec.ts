import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ServiceProcess, freePort, freeUdpPort } from '@cruddur/testing';

jest.setTimeout(60_000);

const WORKSPACE = resolve(__dirname, '../../..');
const run = promisify(execFile);

/** The built inspector as `npx nx serve inspector` runs it, and the trace CLI against it. */
describe('the inspector process and the trace CLI', () => {
  let inspector: ServiceProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    env = {
      INSPECTOR_PORT: String(await freePort()),
      INSPECTOR_OTLP_PORT: String(await freePort()),
      INSPECTOR_XRAY_PORT: String(await freeUdpPort()),
    };
    inspector = await ServiceProcess.start({
      name: 'inspector',
      entry: 'dist/apps/inspector/main.js',
      env,
    });
  });

  afterAll(async () => {
    const exit = await inspector?.stop();
    expect(exit).toEqual({ code: 0, signal: null });
  });

  it('prints where it listens, on 127.0.0.1 and the configured ports', () => {
    expect(inspector.output).toEqual(
      expect.arrayContaining([
        `OTLP/HTTP traces on http://127.0.0.1:${env.INSPECTOR_OTLP_PORT}/v1/traces`,
        `X-Ray daemon datagrams on udp://127.0.0.1:${env.INSPECTOR_XRAY_PORT}`,
        `inspector listening on http://127.0.0.1:${env.INSPECTOR_PORT}`,
      ]),
    );
  });

  it('prints the last trace a real exporter sent as a waterfall', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        join(__dirname, 'fixtures/otlp-export.cjs'),
        'protobuf',
        `http://127.0.0.1:${env.INSPECTOR_OTLP_PORT}/v1/traces`,
        'gateway',
      ],
      { env: { PATH: process.env.PATH ?? '' } },
    );
    const { traceId } = JSON.parse(stdout) as { traceId: string };

    for (const id of ['last', traceId]) {
      const cli = await run(process.execPath, ['dist/apps/inspector/cli/trace-cli.js', id], {
        cwd: WORKSPACE,
        env: { PATH: process.env.PATH ?? '', INSPECTOR_PORT: env.INSPECTOR_PORT },
      });
      const lines = cli.stdout.split('\n');
      expect(lines[0]).toMatch(
        /^GET \/api\/activities\/home {2}[\d.]+ ms {2}2 spans {2}1 services {2}user andrewbrown {2}1 error\(s\)$/,
      );
      expect(cli.stdout).toContain(`trace ${traceId}`);
      expect(cli.stdout).toMatch(/\ngateway +GET \/api\/activities\/home +\+0\.00 ms/);
      expect(cli.stdout).toMatch(/\ngateway + {2}home-activities\/activities\.home ✗/);
      expect(cli.stdout).toContain('downstream timed out');
    }
  });

  it('says clearly when the trace is unknown or no inspector answers', async () => {
    const unknown = run(
      process.execPath,
      ['dist/apps/inspector/cli/trace-cli.js', 'f'.repeat(32)],
      {
        cwd: WORKSPACE,
        env: { PATH: process.env.PATH ?? '', INSPECTOR_PORT: env.INSPECTOR_PORT },
      },
    );
    await expect(unknown).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/is not here/),
    });
    const nobody = run(process.execPath, ['dist/apps/inspector/cli/trace-cli.js', 'last'], {
      cwd: WORKSPACE,
      env: { PATH: process.env.PATH ?? '', INSPECTOR_PORT: String(await freePort()) },
    });
    await expect(nobody).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no inspector answers/),
    });
  });

  it('refuses a port already taken, naming the variable', async () => {
    const second = ServiceProcess.start({
      name: 'inspector-2',
      entry: 'dist/apps/inspector/main.js',
      env,
    });
    await expect(second).rejects.toThrow(/in use .*set INSPECTOR_OTLP_PORT to another port/s);
  });
});
