/**
 * A PostgreSQL server of our own, from Debian's `postgresql` package, in a data folder of our own
 * and on a port of our own, for the tests (test/pg-setup.ts), `npm run start:cluster` and CI.
 * PostgreSQL refuses to run as root: as root the folder is given to the `postgres` user and the
 * server runs as it (runuser). Stopped by its own PID (postmaster.pid), never by name.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export interface LocalPostgres {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The folder that holds the data folder and the server's socket. */
  dir: string;
  port: number;
  /** Tests and demos trade durability for speed (no fsync); never for a real site. */
  fast?: boolean;
  log?: (line: string) => void;
  /** How long to wait for the server to accept connections. */
  timeoutMs?: number;
  /** Server settings beyond these defaults (`-c name=value`), as a real site's postgresql.conf would hold them. */
  settings?: Record<string, string>;
}

/** The binaries: PG_BIN, or the newest /usr/lib/postgresql/<version>/bin; undefined when PostgreSQL is not installed. */
export function postgresBin(): string | undefined {
  if (process.env.PG_BIN) return existsSync(path.join(process.env.PG_BIN, "postgres")) ? process.env.PG_BIN : undefined;
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, "bin", "postgres")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], "bin") : undefined;
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL binary as `postgres` when we are root (it refuses root), else as ourselves. */
function asPostgres(bin: string, args: string[]): [string, string[]] {
  return isRoot() ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
}

export async function startPostgres({
  dir,
  port,
  fast = true,
  log = () => undefined,
  timeoutMs = 30_000,
  settings: extra = {},
}: StartOptions): Promise<LocalPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error("PostgreSQL is not installed: apt-get install -y postgresql (or set PG_BIN to its bin folder)");
  const dataDir = path.join(dir, "data");
  mkdirSync(dir, { recursive: true });
  if (isRoot()) spawnSync("chown", ["-R", "postgres:postgres", dir]);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    const [cmd, args] = asPostgres(path.join(bin, "initdb"), ["-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"]);
    const init = spawnSync(cmd, args, { encoding: "utf8" });
    if (init.status !== 0) throw new Error(`initdb ${dataDir} failed: ${init.stderr || init.stdout}`);
    log(`initdb ${dataDir}`);
  }
  const settings = ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${dir}`, "-c", "max_connections=200"];
  if (fast) settings.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  for (const [name, value] of Object.entries(extra)) settings.push("-c", `${name}=${value}`);
  const [cmd, args] = asPostgres(path.join(bin, "postgres"), ["-D", dataDir, "-p", String(port), ...settings]);
  const child: ChildProcess = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres on port ${port} exited (${child.exitCode}): ${stderr.trim()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      break;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`postgres on port ${port} did not accept connections within ${timeoutMs / 1000} s: ${stderr.trim()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  log(`postgres ${pid} on 127.0.0.1:${port}`);
  return {
    url,
    port,
    dataDir,
    async stop() {
      // SIGINT: the fast shutdown (active sessions are ended, then a clean stop).
      try {
        process.kill(pid, "SIGINT");
      } catch {
        return;
      }
      const until = Date.now() + 20_000;
      while (Date.now() < until) {
        try {
          process.kill(pid, 0);
        } catch {
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      process.kill(pid, "SIGKILL");
    },
  };
}
