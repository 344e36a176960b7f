/**
 * `npm run start:cluster`: the site as it runs on several machines, on this one. PostgreSQL from
 * Debian's `postgresql` package in `.data/cluster/postgres` (scripts/dev/postgres.ts), the indexer
 * (`npm run index -- --watch` on CONTENT_DIR, copying every change into PostgreSQL), N app
 * instances (default 2) that read only PostgreSQL, each in a working folder of its own with a
 * CONTENT_DIR that does not exist (they need no content folder), and nginx from deploy/nginx in
 * front, as `npm run start:proxy` runs it (scripts/dev/proxy-stack.ts). The indexer and the
 * instances are started again when they die. Ctrl-C (or SIGTERM) stops everything by PID.
 *
 * A second start keeps the data (PostgreSQL's and the indexer's SQLite index, in `.data/cluster/`);
 * --fresh wipes it first. Needs `npm run build` first, nginx and postgresql (apt-get).
 *
 * Options: --port N (nginx, 8080), --app-port N (first instance, 3000; the others follow),
 * --instances N (2), --pg-port N (5433), --data DIR (.data/cluster), --fresh, --no-import (as with
 * start:proxy, the importer runs beside the indexer when CONTENT_DIR has a sources.json).
 *
 * Also a module: e2e/cluster.spec.ts starts the same cluster through startCluster().
 */
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { startPostgres, type LocalPostgres } from "./postgres";
import { arg, startProxyStack, stopAllStacks, type ProxyStack } from "./proxy-stack";

const root = path.resolve(import.meta.dirname, "../..");

export interface ClusterOptions {
  port: number;
  appPorts: number[];
  pgPort: number;
  /** Holds postgres/ (the data folder) and index.sqlite (the indexer's own index). */
  dataDir: string;
  /** The content folder the indexer reads (default: CONTENT_DIR, else content/). */
  contentDir?: string;
  /** Wipe dataDir first. */
  fresh?: boolean;
  /** Extra environment for every process (tokens, SITE_URL, CONTENT_RESCAN_MS…). */
  env?: NodeJS.ProcessEnv;
  appOutput?: "inherit" | "files";
  /** Run the importer on the content folder (default: when it has a sources.json). */
  importer?: boolean;
  log?: (line: string) => void;
}

export interface Cluster {
  stack: ProxyStack;
  /** Replaced by restartPostgres(). */
  postgres: LocalPostgres;
  databaseUrl: string;
  contentDir: string;
  /** Stops PostgreSQL by its PID (a fast shutdown: the instances see their connections end). */
  stopPostgres: () => Promise<void>;
  /** Starts PostgreSQL again on the same data folder and port. */
  startPostgres: () => Promise<void>;
  stop: () => Promise<void>;
}

/** Every cluster this process started and has not stopped, so a signal mid-start stops it too. */
const running = new Set<() => Promise<void>>();

export async function stopAllClusters(): Promise<void> {
  await Promise.all([...running].map((stop) => stop()));
}

/** Waits until the indexer has copied an index into the database (its meta.version is set). */
async function waitForFirstCopy(url: string, timeoutMs: number, cancelled: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (cancelled()) throw new Error("stopped while waiting for the indexer");
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      const { rows } = await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'version'");
      if (Number(rows[0]?.value ?? 0) > 0) return;
    } catch {
      // no meta table yet: the indexer is still indexing the folder
    } finally {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`the indexer did not copy the index into PostgreSQL within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("no production build: run `npm run build` first");
  const log = options.log ?? ((line: string) => console.error(`[cluster] ${line}`));
  const baseEnv = options.env ?? process.env;
  const contentDir = path.resolve(root, options.contentDir ?? (baseEnv.CONTENT_DIR || "content"));
  if (!existsSync(contentDir)) throw new Error(`no content folder at ${contentDir} (CONTENT_DIR)`);
  if (options.fresh) await rm(options.dataDir, { recursive: true, force: true });
  const pgDir = path.join(options.dataDir, "postgres");
  // Fast (no fsync) is for tests and demos: a real site runs Debian's own service (docs/production.md).
  const startPg = () => startPostgres({ dir: pgDir, port: options.pgPort, log });
  let postgres = await startPg();
  const databaseUrl = postgres.url;
  let stack: ProxyStack | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // The instances and the indexer first: they would only log that the database went away.
      await (stack?.stop() ?? stopAllStacks());
      await postgres.stop();
      running.delete(stop);
    })());
  running.add(stop);
  try {
    stack = await startProxyStack({
      port: options.port,
      appPorts: options.appPorts,
      // A folder that is not there, and no index file: the instances read articles, bodies and
      // photos from PostgreSQL (an undefined variable is left out of a child's environment).
      env: { ...baseEnv, DATABASE_URL: databaseUrl, CONTENT_DIR: path.join(options.dataDir, "no-content-here"), INDEX_DB: undefined },
      ownWorkingFolders: true,
      appOutput: options.appOutput,
      importer: options.importer,
      contentDir,
      services: [
        {
          name: "indexer",
          args: ["--import", "tsx", "scripts/build/index-content.ts", "--watch"],
          env: { ...baseEnv, NODE_ENV: "production", DATABASE_URL: databaseUrl, CONTENT_DIR: contentDir, INDEX_DB: path.join(options.dataDir, "index.sqlite") },
        },
      ],
      beforeInstances: () => waitForFirstCopy(databaseUrl, 180_000, () => stopping !== undefined),
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    stack,
    get postgres() {
      return postgres;
    },
    databaseUrl,
    contentDir,
    stopPostgres: () => postgres.stop(),
    startPostgres: async () => {
      postgres = await startPg();
    },
    stop,
  };
}

async function main() {
  const port = arg("port", 8080);
  const appPort = arg("app-port", 3000);
  const instances = arg("instances", 2);
  const pgPort = arg("pg-port", 5433);
  const dataAt = process.argv.indexOf("--data");
  const dataDir = path.resolve(dataAt > 0 ? process.argv[dataAt + 1]! : path.join(root, ".data", "cluster"));
  let quitting = false;
  const shutdown = (code: number) => {
    if (quitting) return;
    quitting = true;
    void stopAllClusters().then(() => process.exit(code));
  };
  process.once("SIGINT", () => shutdown(0));
  process.once("SIGTERM", () => shutdown(0));
  const cluster = await startCluster({
    port,
    appPorts: Array.from({ length: instances }, (_, i) => appPort + i),
    pgPort,
    dataDir,
    fresh: process.argv.includes("--fresh"),
    importer: process.argv.includes("--no-import") ? false : undefined,
  });
  void cluster.stack.died.then((what) => {
    console.error(`${what}; stopping the rest`);
    shutdown(1);
  });
  console.log(
    [
      `nginx:       ${cluster.stack.base}  (health: ${cluster.stack.base}/healthz)`,
      ...cluster.stack.instances.map(
        (url, i) => `instance ${i + 1}:  ${url}  (no content folder; working folder ${path.join(cluster.stack.prefix, `instance-${appPort + i}`)})`,
      ),
      `PostgreSQL:  ${cluster.databaseUrl}  (data in ${path.join(dataDir, "postgres")})`,
      `indexer:     watches ${cluster.contentDir} and copies every change to PostgreSQL`,
      "Ctrl-C stops everything.",
    ].join("\n"),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
