import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
        /^GET \/api\/activities\/home {2}[\d.]+ ms {2}2 spans {2}1 service {2}user andrewbrown {2}1 error$/,
      );
      expect(cli.stdout).toContain(`trace ${traceId}`);
      expect(cli.stdout).toMatch(/\ngateway +GET \/api\/activities\/home +\+0\.00 ms/);
      expect(cli.stdout).toMatch(/\ngateway + {2}home-activities\/activities\.home ✗/);
      expect(cli.stdout).toContain('downstream timed out');
      expect(cli.stdout).toMatch(/\nCritical path \(\d+ spans?\)\n/);
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

  it('keeps the last session in INSPECTOR_STORE across a SIGTERM and a restart', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'inspector-store-'));
    const file = join(directory, 'session.jsonl');
    try {
      const ports = async () => ({
        INSPECTOR_PORT: String(await freePort()),
        INSPECTOR_OTLP_PORT: String(await freePort()),
        INSPECTOR_XRAY_PORT: String(await freeUdpPort()),
        INSPECTOR_STORE: file,
      });
      const firstEnv = await ports();
      const first = await ServiceProcess.start({
        name: 'inspector-store',
        entry: 'dist/apps/inspector/main.js',
        env: firstEnv,
      });
      expect(first.output).toContain(`keeps telemetry in ${file} too (INSPECTOR_STORE)`);
      const { stdout } = await run(
        process.execPath,
        [
          join(__dirname, 'fixtures/otlp-export.cjs'),
          'protobuf',
          `http://127.0.0.1:${firstEnv.INSPECTOR_OTLP_PORT}/v1/traces`,
          'gateway',
        ],
        { env: { PATH: process.env.PATH ?? '' } },
      );
      const { traceId } = JSON.parse(stdout) as { traceId: string };
      // Straight after the export was answered: nothing may wait for the 200 ms batch.
      expect(await first.stop()).toEqual({ code: 0, signal: null });

      const secondEnv = await ports();
      const second = await ServiceProcess.start({
        name: 'inspector-store-2',
        entry: 'dist/apps/inspector/main.js',
        env: secondEnv,
      });
      try {
        const response = await fetch(
          `http://127.0.0.1:${secondEnv.INSPECTOR_PORT}/api/traces/${traceId}`,
        );
        expect(response.status).toBe(200);
        expect(((await response.json()) as { spans: unknown[] }).spans).toHaveLength(2);
      } finally {
        expect(await second.stop()).toEqual({ code: 0, signal: null });
      }

      writeFileSync(file, 'garbage\n{}\n');
      await expect(
        ServiceProcess.start({
          name: 'inspector-store-3',
          entry: 'dist/apps/inspector/main.js',
          env: await ports(),
        }),
      ).rejects.toThrow(/INSPECTOR_STORE: .*session\.jsonl is corrupt at line 1/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
