import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort, freeUdpPort, waitFor } from '@cruddur/testing';

/** The workspace root, where `npm start` runs. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../..');

/** Every port the mesh uses, each one the OS just picked, as the variables that set them. */
export async function freeMeshPorts(): Promise<Record<string, string>> {
  return {
    GATEWAY_PORT: String(await freePort()),
    HOME_ACTIVITIES_PORT: String(await freePort()),
    NOTIFICATIONS_PORT: String(await freePort()),
    FRONTEND_PORT: String(await freePort()),
    INSPECTOR_PORT: String(await freePort()),
    INSPECTOR_OTLP_PORT: String(await freePort()),
    INSPECTOR_XRAY_PORT: String(await freeUdpPort()),
  };
}

/**
 * A user's environment, not the test runner's: PATH and HOME, no CI markers (Nx asks its
 * questions only outside CI, which is where a newcomer meets them), the front end and gateway
 * on loopback only, and `extra` on top.
 */
export function userEnv(extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    SHELL: '/bin/sh',
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    FRONTEND_HOST: '127.0.0.1',
    GATEWAY_HOST: '127.0.0.1',
    ...extra,
  };
}

/** `/proc/<pid>/stat`: parent, process group, state; `undefined` once the process is gone. */
export function processInfo(
  pid: number,
): { ppid: number; pgid: number; state: string } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name may hold spaces and parentheses: the fields start after the last ')'.
  const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state, ppid: Number(ppid), pgid: Number(pgid) };
}

/** Running, and not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  const info = processInfo(pid);
  return info !== undefined && info.state !== 'Z';
}

/** Colour and cursor sequences a terminal program writes. */
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPES = /\x1b\[[0-9;?]*[A-Za-z]/g;

/**
 * One `npm start` (or runner) the way a user runs it, with everything it prints kept, colours and
 * carriage returns taken out.
 */
export class MeshRun {
  private text = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Every pid a `started (pid N)` line named, for the clean-up of a failed test. */
  private readonly seenPids = new Set<number>();

  private constructor(readonly child: ChildProcess) {
    const collect = (chunk: Buffer) => {
      this.text += chunk.toString('utf8').replace(ANSI_ESCAPES, '').replace(/\r/g, '');
      for (const match of this.text.matchAll(/started \(pid (\d+)\)/g)) {
        this.seenPids.add(Number(match[1]));
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((done) =>
      child.once('exit', (code, signal) => done({ code, signal })),
    );
  }

  /** `command` in a pseudo-terminal of its own (`script`), as typed into a terminal. */
  static underTerminal(command: string, env: Record<string, string>): MeshRun {
    return new MeshRun(
      spawn('script', ['-qfec', command, '/dev/null'], {
        cwd: WORKSPACE_ROOT,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
  }

  /** The runner itself with its output piped, as a supervisor or a script would start it. */
  static direct(env: Record<string, string>): MeshRun {
    return new MeshRun(
      spawn(process.execPath, ['tools/mesh/start-mesh.mjs'], {
        cwd: WORKSPACE_ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  }

  /** Everything printed so far. */
  get output(): string {
    return this.text;
  }

  /** The output from the first match of `marker` on. */
  outputFrom(marker: RegExp): string {
    const at = this.text.search(marker);
    return at < 0 ? '' : this.text.slice(at);
  }

  /** Resolves with the first match of `pattern` in the output (from `from` on). */
  waitForOutput(pattern: RegExp, timeoutMs = 20_000, from = 0): Promise<RegExpMatchArray> {
    return waitFor(() => this.text.slice(from).match(pattern) ?? undefined, {
      timeoutMs,
      what: `${pattern} in the output`,
    }).catch((error: Error) => {
      throw new Error(`${error.message}; it ends:\n${this.text.slice(-4000)}`);
    });
  }

  /** Waits until the whole mesh is up (the runner printed its banner). */
  ready(timeoutMs = 120_000): Promise<RegExpMatchArray> {
    return this.waitForOutput(/Ctrl-C stops the mesh\./, timeoutMs);
  }

  /** The pid of the newest run of `name` (from its `started (pid N)` line). */
  pidOf(name: string): number {
    const runs = [
      ...this.text.matchAll(new RegExp(`(?<![\\w-])${name}\\s*\\| started \\(pid (\\d+)\\)`, 'g')),
    ];
    if (runs.length === 0) throw new Error(`no ${name} started:\n${this.text}`);
    return Number(runs[runs.length - 1][1]);
  }

  /** Types Ctrl-C into the terminal (the line discipline turns it into SIGINT). */
  ctrlC(): void {
    this.child.stdin?.write('\x03');
  }

  /** After a test: SIGKILL to whatever it left, so one failure does not hold ports for the next. */
  killAll(): void {
    for (const pid of [...this.seenPids, this.child.pid ?? 0]) {
      if (pid && isAlive(pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone in between.
        }
      }
    }
    this.child.stdin?.destroy();
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
  }
}

/** Resolves with the pids still alive after `timeoutMs` (empty when all exited). */
export async function waitUntilGone(pids: number[], timeoutMs = 20_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0 || Date.now() > deadline) return alive;
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** The processes of the mesh a runner started, by name. */
export const MESH_PROCESSES = [
  'inspector',
  'home-activities',
  'notifications',
  'gateway',
  'frontend',
] as const;

/**
 * Lines that must never appear while the mesh stops: a service that could not deliver (the
 * inspector gone first), one that ran out of time or had to be killed, an error of any process,
 * npm's own error lines.
 */
export const STOP_PROBLEMS =
  /ERROR|WARN|undelivered|ECONNREFUSED|failed|longer than|killed|npm error|exited \(/;
