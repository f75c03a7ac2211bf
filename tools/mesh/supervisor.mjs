import { MeshProcess } from './mesh-process.mjs';
import { RestartPolicy } from './restart-policy.mjs';

/**
 * Keeps one process of the mesh running: reports every exit it did not ask for, restarts a crash
 * with back-off (RestartPolicy), and leaves a cleanly stopped or ever-failing one down with a line
 * saying how to bring it back - while the rest of the mesh and the inspector keep running.
 */
export class Supervisor {
  /**
   * @param {{ name: string, color?: number, args: string[], ready?: RegExp, restartHint?: string }} service
   * @param {{ env: Record<string, string | undefined>, output: import('./output-lines.mjs').OutputLines, policy?: RestartPolicy }} options
   */
  constructor(service, { env, output, policy = new RestartPolicy() }) {
    Object.assign(this, { service, env, output, policy });
    this.stopping = false;
    this.current = undefined;
    this.restartTimer = undefined;
  }

  /**
   * Starts the first run; resolves with its ready match, or `undefined` when that run exited
   * before it was ready (it is restarted all the same, unless stopped cleanly).
   */
  start() {
    const run = this.spawn();
    return run.ready;
  }

  spawn() {
    const run = new MeshProcess(this.service, { env: this.env, output: this.output });
    this.current = run;
    this.output.line(this.service, `started (pid ${run.pid})`);
    void run.exited.then((exit) => this.onExit(run, exit));
    return run;
  }

  onExit(run, exit) {
    if (this.stopping || run !== this.current) return;
    const how = exit.signal ?? `code ${exit.code}`;
    const decision = this.policy.decide(exit, run.uptimeMs);
    if (decision.restart) {
      this.output.line(
        this.service,
        `exited (${how}); restarting in ${decision.delayMs / 1000} s (restart ${decision.attempt})`,
        true,
      );
      this.restartTimer = setTimeout(() => {
        this.restartTimer = undefined;
        if (!this.stopping) this.spawn();
      }, decision.delayMs);
      return;
    }
    const why = decision.reason === 'stopped' ? `exited (${how})` : `exited (${how}) again`;
    const hint = this.service.restartHint ?? `npx nx serve ${this.service.name}`;
    this.output.line(
      this.service,
      `${why}; left down, the rest of the mesh keeps running. Start it again with \`${hint}\` ` +
        'in another terminal, or restart npm start.',
      true,
    );
  }

  /** True while a run of it is alive. */
  get running() {
    return Boolean(this.current?.running);
  }

  /** Stops it for good: no more restarts; SIGTERM to the current run, SIGKILL if it hangs. */
  async stop(signal = 'SIGTERM', killAfterMs) {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    if (!this.current) return { code: null, signal: null, killed: false };
    const exit = await this.current.stop(signal, killAfterMs);
    if (exit.killed) {
      this.output.line(this.service, `did not stop within ${killAfterMs} ms; killed`, true);
    }
    return exit;
  }
}
