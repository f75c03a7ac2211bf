import { createInterface } from 'node:readline';

/**
 * The runner's own output: every line of every process, prefixed by its name (coloured on a
 * terminal). A terminal that went away (the window closed: EIO, a closed pipe: EPIPE) must not
 * crash the runner while it is still stopping the mesh, so write errors are dropped.
 */
export class OutputLines {
  /**
   * @param {{ names: string[], useColor: boolean, stdout?: NodeJS.WriteStream, stderr?: NodeJS.WriteStream }} options
   */
  constructor({ names, useColor, stdout = process.stdout, stderr = process.stderr }) {
    this.width = Math.max(...names.map((name) => name.length));
    this.useColor = useColor;
    this.stdout = stdout;
    this.stderr = stderr;
    for (const stream of [stdout, stderr]) stream.on('error', () => {});
  }

  /** `name |` padded to the longest name, in the process's colour. */
  prefix(name, color) {
    const label = name.padEnd(this.width);
    return this.useColor && color ? `\x1b[${color}m${label} |\x1b[0m ` : `${label} | `;
  }

  /** Writes one line as `name`'s, to stdout (or stderr when `toStderr`). */
  line(service, text, toStderr = false) {
    const stream = toStderr ? this.stderr : this.stdout;
    if (!stream.writable) return;
    stream.write(`${this.prefix(service.name, service.color)}${text}\n`);
  }

  /** Writes a line without prefix (the banner). */
  plain(text) {
    if (this.stdout.writable) this.stdout.write(`${text}\n`);
  }

  /** Prefixes every line a child writes on `stream`; `onLine` sees each line too. */
  pipe(stream, service, toStderr, onLine = () => {}) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (text) => {
      this.line(service, text, toStderr);
      onLine(text);
    });
  }

  /** `text` in bold on a terminal. */
  bold(text) {
    return this.useColor ? `\x1b[1m${text}\x1b[0m` : text;
  }
}
