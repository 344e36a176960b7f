/**
 * `npm run start:proxy`: the production setup on one machine, on 127.0.0.1. It starts N app
 * instances (`node server.mjs`, default 2) reading one CONTENT_DIR, and nginx configured from
 * deploy/nginx — the very files a newsroom copies to /etc/nginx, rendered with local ports and a
 * temporary prefix for the cache, temp files, pid and logs. An instance that dies is started again
 * after a back-off (scripts/dev/restart-backoff.ts) while nginx sends its readers to the others, as
 * systemd's `Restart=on-failure` does in production. Ctrl-C (or SIGTERM) stops everything by PID
 * and removes the prefix. Needs `npm run build` first and nginx (`apt-get install -y nginx`).
 *
 * When CONTENT_DIR holds a sources.json, one importer (`npm run import -- --watch`) runs beside the
 * instances, supervised the same way: one, because two would race for the same slugs.
 *
 * Options: --port N (nginx, 8080), --app-port N (first instance, 3000; the others follow),
 * --instances N (2), --no-import. The instances get this process's environment (CONTENT_DIR,
 * SITE_URL, tokens); without SITE_URL, nginx's address.
 *
 * Also a module: the end-to-end suite and `npm run bench` start the same stack through
 * startProxyStack(), and `npm run start:cluster` (scripts/dev/cluster.ts) the PostgreSQL variant:
 * instances in working folders of their own, with the indexer supervised beside them.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, createWriteStream, existsSync, mkdirSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { serverEnv } from "../../lib/server/server-env.mjs";
import { renderHttpConf, renderMainConf, renderSiteConf } from "./nginx-config";
import { createBackoff, RESTART_BACKOFF, type BackoffOptions } from "./restart-backoff";

const root = path.resolve(import.meta.dirname, "../..");
const deploy = path.join(root, "deploy", "nginx");

export interface ProxyStackOptions {
  port: number;
  appPorts: number[];
  /** Environment of the app instances (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** "inherit": the instances' output goes to this process's; "files": to logs/ in the prefix. */
  appOutput?: "inherit" | "files";
  /** Extra server blocks for the http context; `{prefix}` is replaced by the prefix folder. */
  extraServers?: string;
  /** When to start a dead instance again (default: 0.5 s doubling to 30 s, reset after a minute). */
  restartBackoff?: BackoffOptions;
  /** Run the importer beside the instances (default: when CONTENT_DIR has a sources.json). */
  importer?: boolean;
  /** The content folder the importer writes to (default: the instances' CONTENT_DIR). */
  contentDir?: string;
  /**
   * Each instance is started as `node <repository>/server.mjs` from an empty working folder of its
   * own (made in the prefix, removed with it) instead of the repository, as a unit on another
   * machine would start it: it must need nothing from the folder it is started in.
   */
  ownWorkingFolders?: boolean;
  /**
   * Processes started before the instances and supervised like them (started again after the
   * back-off when they exit), e.g. the indexer that fills the database the instances read.
   */
  services?: ServiceSpec[];
  /** Awaited after the services have started and before the instances start. */
  beforeInstances?: () => Promise<void>;
}

export interface ServiceSpec {
  /** Names its log file (`logs/<name>.log` with appOutput "files") and its messages. */
  name: string;
  /** Arguments to node, run in the repository. */
  args: string[];
  env: NodeJS.ProcessEnv;
}

export interface ProxyStack {
  /** nginx's address. */
  base: string;
  /** Each instance's own address. */
  instances: string[];
  /** Each instance's current process id, in the same order (`npm run bench` reads their CPU time);
   * a restarted instance has a new one. */
  readonly appPids: number[];
  /** How many times each instance was started again after it died, in the same order. */
  readonly restarts: number[];
  /** The temporary folder with conf/, cache/, logs/ and tmp/ (and the instances' own working folders). */
  prefix: string;
  /** Each service's current process id, by name; a restarted one has a new one. */
  readonly servicePids: Record<string, number>;
  stop: () => Promise<void>;
  /** Settles when nginx exits on its own (not through stop()); dead instances are restarted. */
  died: Promise<string>;
  /** Whether an importer runs beside the instances. */
  importing: boolean;
}

export function nginxBinary(): string {
  if (process.env.NGINX) return process.env.NGINX;
  if (existsSync("/usr/sbin/nginx")) return "/usr/sbin/nginx";
  const found = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" }).stdout.trim();
  if (!found) throw new Error("nginx is not installed: apt-get install -y nginx (or set NGINX to its path)");
  return found;
}

/** The account nginx's workers run as when the master is root: it must write the cache. */
function workerUser(): { name: string; group: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .map((l) => l.split(":"));
  const groups = readFileSync("/etc/group", "utf8")
    .split("\n")
    .map((l) => l.split(":"));
  for (const name of ["www-data", "nobody"]) {
    const entry = passwd.find((f) => f[0] === name);
    if (!entry) continue;
    const uid = Number(entry[2]);
    const gid = Number(entry[3]);
    const group = groups.find((g) => Number(g[2]) === gid)?.[0];
    if (group) return { name, group, uid, gid };
  }
  throw new Error("running as root, but neither www-data nor nobody exists for nginx's workers");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every stack this process started and has not stopped, so a signal mid-start stops it too. */
const running = new Set<() => Promise<void>>();

/** Stops every stack this process started, each by its PIDs. */
export async function stopAllStacks(): Promise<void> {
  await Promise.all([...running].map((stop) => stop()));
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once("exit", () => r()));
}

/** Sends `signal` to the child by its PID, then SIGKILL if it is still there after `graceMs`. */
async function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited(child);
  clearTimeout(timer);
}

async function waitUntilUp(url: string, child: ChildProcess, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before answering`);
    let status = 0;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      // not listening yet, or the first render is slow: ask again
    }
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${what} did not answer 200 at ${url} within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

export async function startProxyStack(options: ProxyStackOptions): Promise<ProxyStack> {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("no production build: run `npm run build` first");
  const nginx = nginxBinary();
  const user = workerUser();
  const prefix = await mkdtemp(path.join(os.tmpdir(), "svezhiy-vypusk-nginx-"));
  let proxy: ChildProcess | undefined;
  const apps: ChildProcess[] = [];
  // The importer and the services, by name.
  const helpers = new Map<string, ChildProcess>();
  const all = () => [...(proxy ? [proxy] : []), ...apps, ...helpers.values()];
  // Last resort if the caller dies without stop(): nothing started here outlives it.
  const killAll = () => all().forEach((c) => c.exitCode === null && c.signalCode === null && c.kill("SIGKILL"));
  process.once("exit", killAll);

  // Restarts waiting for their back-off, one slot per instance.
  const restartTimers: (NodeJS.Timeout | undefined)[] = [];
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      restartTimers.forEach((t) => clearTimeout(t));
      // nginx first, so no request reaches an instance that is going away.
      if (proxy) await stopChild(proxy, "SIGTERM");
      // The importer finishes the file it is writing (its writes are atomic either way).
      await Promise.all([...apps, ...helpers.values()].map((c) => stopChild(c, "SIGTERM")));
      process.removeListener("exit", killAll);
      await rm(prefix, { recursive: true, force: true });
      running.delete(stop);
    })());
  running.add(stop);
  let reportDeath: (what: string) => void = () => {};
  const died = new Promise<string>((r) => (reportDeath = r));
  const watch = (child: ChildProcess, what: string) =>
    child.once("exit", (code, signal) => {
      if (!stopping) reportDeath(`${what} exited (${code ?? signal})`);
    });
  /** Runs `node <args>` in the repository and starts it again after the back-off whenever it exits. */
  const supervise = ({ name, args, env }: ServiceSpec) => {
    const backoff = createBackoff(options.restartBackoff ?? RESTART_BACKOFF);
    const start = () => {
      const toFile = options.appOutput === "files";
      const output = toFile ? "pipe" : "inherit";
      const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", output, output] });
      if (toFile) {
        const file = createWriteStream(path.join(prefix, "logs", `${name}.log`), { flags: "a" });
        child.stdout?.pipe(file);
        child.stderr?.pipe(file);
      }
      helpers.set(name, child);
      const startedAt = Date.now();
      child.once("exit", (code, signal) => {
        if (stopping) return;
        const delay = backoff.next(Date.now() - startedAt);
        console.error(`${name} exited (${code ?? signal}); starting it again in ${delay / 1000} s`);
        const timer = setTimeout(() => !stopping && start(), delay);
        restartTimers.push(timer);
      });
    };
    start();
  };

  try {
    for (const dir of ["conf/conf.d", "conf/sites-enabled", "conf/snippets", "cache", "logs", "tmp"]) await mkdir(path.join(prefix, dir), { recursive: true });
    // The workers walk into the prefix to the cache and temp folders, and must write there.
    chmodSync(prefix, 0o755);
    if (user) for (const dir of ["cache", "tmp"]) chownSync(path.join(prefix, dir), user.uid, user.gid);

    const site = { port: options.port, appPorts: options.appPorts, cacheDir: path.join(prefix, "cache") };
    const conf = path.join(prefix, "conf");
    const template = (file: string) => readFile(path.join(deploy, file), "utf8");
    await writeFile(path.join(conf, "conf.d", "svezhiy-vypusk.conf"), renderHttpConf(await template("conf.d/svezhiy-vypusk.conf"), site));
    await writeFile(path.join(conf, "sites-enabled", "svezhiy-vypusk.conf"), renderSiteConf(await template("sites-available/svezhiy-vypusk.conf"), site));
    await cp(path.join(deploy, "snippets"), path.join(conf, "snippets"), { recursive: true });
    const mimeTypes = existsSync("/etc/nginx/mime.types") ? "/etc/nginx/mime.types" : "mime.types";
    await writeFile(path.join(conf, "nginx.conf"), renderMainConf({ prefix, user, mimeTypes, extra: options.extraServers?.replaceAll("{prefix}", prefix) }));

    // The instances first: nginx would only answer 502 until they are up.
    // serverEnv: glibc's malloc settings, read only at exec (lib/server/server-env.mjs).
    // Without SITE_URL each instance would build its links on its own port, so two instances would
    // print different addresses for one page; the address readers reach is nginx's, as it would be
    // in production (where SITE_URL is the public https:// origin).
    const given = options.env ?? process.env;
    const env: NodeJS.ProcessEnv = serverEnv({
      NEXT_TELEMETRY_DISABLED: "1",
      ...given,
      SITE_URL: given.SITE_URL || `http://127.0.0.1:${options.port}`,
      NODE_ENV: "production",
    });
    for (const service of options.services ?? []) supervise(service);
    await options.beforeInstances?.();
    const backoffs = options.appPorts.map(() => createBackoff(options.restartBackoff ?? RESTART_BACKOFF));
    // An instance that never answered is a startup error (reported below), not one to restart.
    const supervised = options.appPorts.map(() => false);
    const startApp = (i: number) => {
      const port = options.appPorts[i]!;
      const toFile = options.appOutput === "files";
      const output = toFile ? "pipe" : "inherit";
      // server.mjs finds the build beside itself and works in its own folder (it changes to it).
      const cwd = options.ownWorkingFolders ? path.join(prefix, `instance-${port}`) : root;
      if (options.ownWorkingFolders) mkdirSync(cwd, { recursive: true });
      const child: ChildProcess = spawn(process.execPath, [path.join(root, "server.mjs"), "-H", "127.0.0.1", "-p", String(port)], {
        cwd,
        env,
        stdio: ["ignore", output, output],
      });
      if (toFile) {
        const file = createWriteStream(path.join(prefix, "logs", `app-${port}.log`), { flags: "a" });
        child.stdout?.pipe(file);
        child.stderr?.pipe(file);
      }
      apps[i] = child;
      const startedAt = Date.now();
      child.once("exit", (code, signal) => {
        if (stopping || !supervised[i]) return;
        // nginx meanwhile sends this instance's readers to the others (proxy_next_upstream error).
        const delay = backoffs[i]!.next(Date.now() - startedAt);
        console.error(`app instance on port ${port} exited (${code ?? signal}); starting it again in ${delay / 1000} s`);
        restartTimers[i] = setTimeout(() => {
          restartTimers[i] = undefined;
          if (stopping) return;
          restarts[i]!++;
          startApp(i);
        }, delay);
      });
    };
    const restarts = options.appPorts.map(() => 0);
    options.appPorts.forEach((_, i) => startApp(i));
    await Promise.all(
      options.appPorts.map(async (port, i) => {
        await waitUntilUp(`http://127.0.0.1:${port}/`, apps[i]!, `app instance on port ${port}`);
        supervised[i] = true;
      }),
    );

    const contentDir = path.resolve(root, options.contentDir ?? (env.CONTENT_DIR || "content"));
    if (options.importer ?? existsSync(path.join(contentDir, "sources.json"))) {
      supervise({ name: "importer", args: ["--import", "tsx", "scripts/content/import.ts", "--watch"], env: { ...env, CONTENT_DIR: contentDir } });
    }

    const nginxArgs = ["-p", prefix, "-c", path.join(conf, "nginx.conf"), "-e", path.join(prefix, "logs", "error.log")];
    const check = spawnSync(nginx, ["-t", "-q", ...nginxArgs], { encoding: "utf8" });
    if (check.status !== 0) throw new Error(`nginx rejects the configuration:\n${check.stderr}`);
    proxy = spawn(nginx, nginxArgs, { stdio: ["ignore", "inherit", "inherit"] });
    watch(proxy, "nginx");
    const base = `http://127.0.0.1:${options.port}`;
    await waitUntilUp(`${base}/`, proxy, `nginx on port ${options.port}`, 30_000);
    return {
      base,
      instances: options.appPorts.map((p) => `http://127.0.0.1:${p}`),
      get appPids() {
        return apps.map((c) => c.pid!);
      },
      get restarts() {
        return [...restarts];
      },
      prefix,
      get servicePids() {
        return Object.fromEntries([...helpers].map(([name, child]) => [name, child.pid!]));
      },
      stop,
      died,
      importing: helpers.has("importer"),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A positive whole-number option `--name N` of the command line (also start:cluster's). */
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive whole number`);
  return value;
}

async function main() {
  const port = arg("port", 8080);
  const appPort = arg("app-port", 3000);
  const instances = arg("instances", 2);
  const importer = process.argv.includes("--no-import") ? false : undefined;
  const shutdown = (code: number) => void stopAllStacks().then(() => process.exit(code));
  process.once("SIGINT", () => shutdown(0));
  process.once("SIGTERM", () => shutdown(0));
  const stack = await startProxyStack({ port, appPorts: Array.from({ length: instances }, (_, i) => appPort + i), importer });
  void stack.died.then((what) => {
    console.error(`${what}; stopping the rest`);
    shutdown(1);
  });
  console.log(
    `nginx on ${stack.base} in front of ${stack.instances.join(", ")} (CONTENT_DIR=${process.env.CONTENT_DIR ?? "content"}${stack.importing ? "; the importer watches sources.json" : ""}); prefix ${stack.prefix}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
