/**
 * Everything that means "stop the mesh", calling `onStop` once: SIGINT (Ctrl-C, or npm passing it
 * on), SIGTERM (a supervisor, `kill`), SIGHUP (the terminal closed), and the runner's parent going
 * away (npm killed by a signal it does not pass on, such as SIGHUP or SIGKILL), which would
 * otherwise leave the mesh running with nobody to stop it. A repeat of a signal while stopping
 * (Ctrl-C reaches the runner both from the terminal and through npm) is ignored: the orderly stop
 * is already under way and has its own deadline.
 *
 * @param {(reason: string) => void} onStop
 * @param {{ pollMs?: number }} options how often to look for a new parent
 */
export function onStopRequest(onStop, { pollMs = 250 } = {}) {
  let requested = false;
  const request = (reason) => {
    if (requested) return;
    requested = true;
    onStop(reason);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => request(signal));
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) request(`parent process ${parent} exited`);
  }, pollMs);
  watch.unref();
}
