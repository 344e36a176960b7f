/**
 * The production server (`npm run start`): Next's own request handler behind a FIFO admission
 * gate. A plain `next start` takes every request at once; at 200 open connections on two cores
 * the renders interleave, some starve past any client timeout and memory grows with the number
 * of half-done pages. Here at most RENDER_CONCURRENCY requests run, the rest wait in arrival
 * order, so the slowest answer is about (queue length / throughput) and memory stays flat. When
 * the queue is longer than QUEUE_LIMIT the server says 503 with Retry-After instead of timing out.
 *
 * Options: -p/--port (or PORT, 3000), -H/--hostname (or HOSTNAME, all interfaces).
 */
import http from "node:http";
import next from "next";

function option(short, long, env, fallback) {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === short || args[i] === long) return args[i + 1];
    if (args[i].startsWith(`${long}=`)) return args[i].slice(long.length + 1);
  }
  return process.env[env] || fallback;
}

const port = Number(option("-p", "--port", "PORT", "3000"));
const hostname = option("-H", "--hostname", "HOSTNAME", undefined);
const concurrency = Math.max(1, Number(process.env.RENDER_CONCURRENCY) || 8);
const queueLimit = Math.max(1, Number(process.env.QUEUE_LIMIT) || 2000);

const app = next({ dev: false, dir: import.meta.dirname, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

let active = 0;
const waiting = [];

function release() {
  const nextInLine = waiting.shift();
  if (nextInLine) nextInLine();
  else active--;
}

async function serve(req, res) {
  let released = false;
  const done = () => {
    if (!released) {
      released = true;
      release();
    }
  };
  res.once("finish", done);
  res.once("close", done);
  try {
    await handle(req, res);
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  }
}

const server = http.createServer((req, res) => {
  if (active < concurrency) {
    active++;
    void serve(req, res);
  } else if (waiting.length >= queueLimit) {
    res.writeHead(503, { "Retry-After": "1", "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
    res.end("Service Unavailable\n");
  } else {
    // A client that gave up while waiting costs nothing: its slot goes to the next in line.
    waiting.push(() => (req.destroyed ? release() : void serve(req, res)));
  }
});
// Longer than a typical proxy's upstream keepalive, so the proxy closes idle connections first.
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`▲ ready on http://${hostname ?? "localhost"}:${port} (at most ${concurrency} requests at once)`);
});

const shutdown = () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
