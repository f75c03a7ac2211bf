/**
 * `node --import <this file> …`: how `npm start` runs every process of the mesh. Each runs in a
 * process group of its own (so the terminal's Ctrl-C reaches only the runner), which also means
 * nothing would stop it if the runner itself died without stopping it first (SIGKILL, a crash).
 * This watches for that - the parent changes once the runner is gone - and then asks the process
 * to stop as the runner would have, with SIGTERM, so it still flushes and frees its ports.
 */
const runner = process.ppid;
// The runner reads this process's output; once it is gone every write fails (EPIPE), and an
// error about a failed write, logged, is one more failed write. Output nobody reads is dropped.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

const watch = setInterval(() => {
  if (process.ppid === runner) return;
  clearInterval(watch);
  process.kill(process.pid, 'SIGTERM');
}, 500);
// Never the reason a process stays alive.
watch.unref();
