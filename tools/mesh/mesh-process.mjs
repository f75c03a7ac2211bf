import { spawn } from 'node:child_process';

/**
 * One run of one process of the mesh (a service, the inspector): spawned in a process group of
 * its own, so the terminal's Ctrl-C (sent to the whole foreground group) reaches only the runner,
 * which decides the order things stop in. Its output goes through `output`, prefixed.
 */
export class MeshProcess {
  /**
   * @param {{ name: string, color?: number, command?: string, args: string[], ready?: RegExp }} service
   *   what to run (`command` defaults to this Node) and the line that says it is ready
   * @param {{ env: Record<string, string | undefined>, output: import('./output-lines.mjs').OutputLines }} options
   */
  constructor(service, { env, output }) {
    this.service = service;
    this.startedAt = Date.now();
    this.child = spawn(service.command ?? process.execPath, service.args, {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.pid = this.child.pid;
    /** Resolves with `{ code, signal }` once the process has exited. */
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
      // A spawn failure (no such command) is an exit too, reported as such.
      this.child.once('error', (error) => {
        output.line(service, `could not start: ${error.message}`, true);
        resolve({ code: 127, signal: null });
      });
    });
    let isReady = !service.ready;
    /** Resolves with the ready line's match (or `true` without a pattern); `undefined` if it exited first. */
    this.ready = new Promise((resolve) => {
      if (isReady) resolve(true);
      output.pipe(this.child.stdout, service, false, (line) => {
        const match = !isReady && service.ready.exec(line);
        if (match) {
          isReady = true;
          resolve(match);
        }
      });
      output.pipe(this.child.stderr, service, true);
      void this.exited.then(() => resolve(undefined));
    });
  }

  /** True until the process has exited. */
  get running() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Milliseconds since it was spawned. */
  get uptimeMs() {
    return Date.now() - this.startedAt;
  }

  /**
   * Sends `signal` and waits for the exit; SIGKILL (to its whole group) after `killAfterMs`, so a
   * process that hangs in its shutdown never holds the mesh's ports.
   * @returns {Promise<{ code: number | null, signal: NodeJS.Signals | null, killed: boolean }>}
   */
  async stop(signal = 'SIGTERM', killAfterMs = 12_000) {
    if (!this.running) return { ...(await this.exited), killed: false };
    this.signalGroup(signal);
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      this.signalGroup('SIGKILL');
    }, killAfterMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return { ...exit, killed };
  }

  /** `kill(-pid)`: the process and anything it started in its group. */
  signalGroup(signal) {
    try {
      process.kill(-this.pid, signal);
    } catch {
      // Already gone.
    }
  }
}
