import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { freePort } from '@cruddur/testing';
import { WORKSPACE_ROOT, userEnv } from './mesh-run';

jest.setTimeout(60_000);

/** Runs a built app until it exits; its output, line by line, and its exit code. */
function runUntilExit(entry: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string[]; stderr: string[] }>((done) => {
    const child = spawn(process.execPath, [entry], {
      cwd: WORKSPACE_ROOT,
      env: userEnv({ NO_COLOR: '1', LOG_FORMAT: 'json', ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('close', (code) =>
      done({
        code,
        stdout: stdout.split('\n').filter(Boolean),
        stderr: stderr.split('\n').filter(Boolean),
      }),
    );
  });
}

describe('a port that is already in use', () => {
  let holder: Server;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    holder = createServer();
    await new Promise<void>((done) => holder.listen(port, '127.0.0.1', done));
  });

  afterAll(() => new Promise((done) => holder.close(done)));

  it.each([
    ['home-activities', 'dist/apps/home-activities/main.js', 'HOME_ACTIVITIES_PORT'],
    ['notifications', 'dist/apps/notifications/main.js', 'NOTIFICATIONS_PORT'],
    ['gateway', 'dist/apps/gateway/main.js', 'GATEWAY_PORT'],
    ['frontend', 'dist/apps/frontend/server/main.js', 'FRONTEND_PORT'],
  ])(
    'stops %s with one line: what is busy and which variable moves it',
    async (name, entry, variable) => {
      const result = await runUntilExit(entry, { [variable]: String(port) });
      expect(result.code).toBe(1);
      expect(result.stderr).toEqual([
        `${name} cannot start: 127.0.0.1:${port} is already in use (another ${name}, or an npm start that is still running?). Set ${variable} to a free port, or stop what holds it.`,
      ]);
      // No stack and no error-level line anywhere else either.
      const all = [...result.stdout, ...result.stderr].join('\n');
      expect(all).not.toMatch(/\n\s+at |"level":"error"|EADDRINUSE/);
    },
  );
});
