import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/** How to start a test broker. */
export interface NatsServerOptions {
  /** A port to listen on; unset asks nats-server for a free one (`-p -1`). */
  port?: number;
  /** Extra command-line arguments (e.g. `['--auth', token]` for a secured server). */
  args?: string[];
  /** @default 10000 */
  readyTimeoutMs?: number;
}

/** The line nats-server logs once it accepts clients, with the address it bound. */
const LISTENING = /Listening for client connections on ([\d.]+):(\d+)/;
const READY = /Server is ready/;

/**
 * A real `nats-server` (Debian's package, from PATH) on 127.0.0.1, for tests. `start` picks a free
 * port unless told one; `stop` ends it (SIGTERM, SIGKILL after a while); `restart` brings it back on
 * the same port, which is what clients reconnect to.
 */
export class NatsServer {
  readonly output: string[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  private boundPort = -1;

  private constructor(private readonly options: NatsServerOptions) {}

  /** Whether `nats-server` is on PATH. */
  static available(): boolean {
    return spawnSync('nats-server', ['--version'], { stdio: 'ignore' }).status === 0;
  }

  /** Starts a broker and resolves once it accepts clients. */
  static async start(options: NatsServerOptions = {}): Promise<NatsServer> {
    if (!NatsServer.available()) {
      throw new Error('nats-server is not on PATH: apt-get install nats-server');
    }
    const server = new NatsServer(options);
    server.boundPort = await server.spawn(options.port ?? -1);
    server.collect();
    return server;
  }

  /** The port it listens on (the same after a restart). */
  get port(): number {
    return this.boundPort;
  }

  /** `nats://127.0.0.1:<port>` */
  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Stops the broker and waits for it to exit; clients see their connection close. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 5000): Promise<void> {
    if (!this.running) return this.exited;
    this.child?.kill(signal);
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    try {
      await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Starts the stopped broker again on the same port. */
  async restart(): Promise<void> {
    if (this.running) await this.stop();
    await this.spawn(this.port);
    this.collect();
  }

  private collect(): void {
    const keep = (chunk: Buffer) =>
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    this.child?.stdout?.on('data', keep);
    this.child?.stderr?.on('data', keep);
  }

  /** Spawns nats-server on `port` (-1: any) and resolves with the port it bound. */
  private spawn(port: number): Promise<number> {
    const child = spawn(
      'nats-server',
      ['-a', '127.0.0.1', '-p', String(port), ...(this.options.args ?? [])],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    this.exited = new Promise((done) => child.once('exit', () => done()));
    return new Promise<number>((resolve, reject) => {
      let bound: number | undefined;
      const lines: string[] = [];
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`nats-server not ready in time:\n${lines.join('\n')}`));
      }, this.options.readyTimeoutMs ?? 10_000);
      const onData = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          lines.push(line);
          this.output.push(line);
          const match = LISTENING.exec(line);
          if (match) bound = Number(match[2]);
          if (READY.test(line) && bound !== undefined) {
            clearTimeout(timer);
            child.stderr?.off('data', onData);
            child.stdout?.off('data', onData);
            resolve(bound);
          }
        }
      };
      child.stderr?.on('data', onData);
      child.stdout?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`nats-server exited (${code}) before ready:\n${lines.join('\n')}`));
      });
    });
  }
}
