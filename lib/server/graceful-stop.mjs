/**
 * A stop that loses no request: on the first SIGTERM/SIGINT the server stops accepting
 * connections, closes the idle keep-alive ones at once, and lets every request it already has
 * (rendering, waiting in the admission gate, or still sending its body) finish, each answer with
 * `Connection: close`; then the process exits 0. Past `graceMs` it exits anyway, naming how many
 * requests were cut; a second signal exits at once. Before, the server exited 5 s after SIGTERM
 * whatever was running, and answers left keep-alive connections open to the end.
 */
export function createGracefulStop({ server, graceMs, exit = (code) => process.exit(code), log = (line) => console.error(line) }) {
  const open = new Set(); // responses not yet finished or closed
  let stopping = false;

  const closeIdleSoon = () => setImmediate(() => server.closeIdleConnections());

  return {
    /** Call first for every request. */
    track(req, res) {
      open.add(res);
      if (stopping) res.setHeader("Connection", "close");
      res.once("close", () => {
        open.delete(res);
        // A connection whose answer went out before the stop began is idle now.
        if (stopping) closeIdleSoon();
      });
    },
    get stopping() {
      return stopping;
    },
    get inFlight() {
      return open.size;
    },
    /** The signal handler. */
    stop(signal) {
      if (stopping) {
        log(`${signal} again: exiting with ${open.size} request(s) unfinished`);
        exit(1);
        return;
      }
      stopping = true;
      log(`${signal}: finishing ${open.size} request(s) (at most ${graceMs} ms), then exiting`);
      for (const res of open) if (!res.headersSent) res.setHeader("Connection", "close");
      // The callback runs once every connection has closed, which the answers' `Connection: close` brings about.
      server.close(() => exit(0));
      server.closeIdleConnections();
      setTimeout(() => {
        log(`shutdown: ${open.size} request(s) still unfinished after ${graceMs} ms; exiting`);
        exit(0);
      }, graceMs).unref();
    },
  };
}

/** SHUTDOWN_GRACE_MS as a number of milliseconds, with the default and a named problem for a bad value. */
export function graceFromEnv(raw, fallback = 10_000) {
  if (raw === undefined || raw === "") return { graceMs: fallback };
  if (!/^\d{1,7}$/.test(raw)) return { graceMs: fallback, problem: `SHUTDOWN_GRACE_MS=${raw}: not a whole number of milliseconds; using ${fallback}` };
  return { graceMs: Number(raw) };
}
