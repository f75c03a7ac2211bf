import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** How to start one built service. */
export interface ServiceProcessOptions {
  /** For messages. */
  name: string;
  /** The built entry point, relative to the workspace root (e.g. dist/apps/gateway/main.js). */
  entry: string;
  /** Variables on top of a minimal environment (PATH, HOME); the test's own env is not inherited. */
  env: Record<string, string>;
  /** A line of output that means the service is ready. @default /listening on/ */
  readyPattern?: RegExp;
  /** @default 20000 */
  readyTimeoutMs?: number;
}

const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

/**
 * A real service process, as `node dist/apps/<name>/main.js` runs it in production, with its output
 * kept for assertions and diagnostics.
 */
export class ServiceProcess {
  readonly output: string[] = [];
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    const collect = (chunk: Buffer) =>
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((done) =>
      child.once('exit', (code, signal) => done({ code, signal })),
    );
  }

  /** Starts the service and resolves once it printed its ready line; rejects if it exits first. */
  static async start(options: ServiceProcessOptions): Promise<ServiceProcess> {
    const child = spawn(process.execPath, [resolve(WORKSPACE_ROOT, options.entry)], {
      cwd: WORKSPACE_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NO_COLOR: '1',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(options.name, child);
    const ready = options.readyPattern ?? /listening on/;
    await new Promise<void>((resolveReady, rejectReady) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        rejectReady(new Error(`${options.name} not ready in time:\n${service.output.join('\n')}`));
      }, options.readyTimeoutMs ?? 20_000);
      const onData = () => {
        if (service.output.some((line) => ready.test(line))) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          resolveReady();
        }
      };
      child.stdout?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        rejectReady(
          new Error(`${options.name} exited (${code}) before ready:\n${service.output.join('\n')}`),
        );
      });
    });
    return service;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits for the process to exit on its own; SIGKILL after `timeoutMs`. */
  async waitForExit(
    timeoutMs = 15_000,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends `signal` and waits for the exit; SIGKILL after `timeoutMs`. */
  async stop(
    signal: NodeJS.Signals = 'SIGTERM',
    timeoutMs = 15_000,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.running) return this.exited;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
