import { defineConfig } from "@playwright/test";
import { postgresStore, proxyStack } from "./e2e/helpers";
import { DEFAULT_TIME_ZONE } from "./lib/content/validate";
import { MALLOC_ENV } from "./lib/server/server-env.mjs";

const PORT = Number(process.env.E2E_PORT ?? 3210);
/** Set E2E_BASE_URL to run the suite against a server started elsewhere (e.g. behind a proxy). */
const external = process.env.E2E_BASE_URL;
/**
 * E2E_PROXY=1 (`npm run test:e2e:proxy`): the suite starts nginx with the shipped configuration in
 * front of two instances (scripts/dev/proxy-stack.ts) and runs the tests tagged @smoke through it.
 */
const proxy = proxyStack();
/**
 * E2E_STORE=postgres (`npm run test:e2e:postgres`): the same smoke subset through nginx, in front of
 * two instances that read PostgreSQL (`npm run start:cluster`'s setup, scripts/dev/cluster.ts): the
 * indexer copies .e2e/content into a PostgreSQL of the suite's own on E2E_PG_PORT.
 */
const postgres = postgresStore();
const PG_PORT = Number(process.env.E2E_PG_PORT ?? 55520);
/** E2E_CLUSTER=1 (`npm run test:e2e:cluster`): e2e/cluster.spec.ts alone; it starts its own cluster. */
const cluster = process.env.E2E_CLUSTER === "1";
// As `npm run start` runs the server: glibc's malloc settings (lib/server/server-env.mjs).
const ENV = {
  ...MALLOC_ENV,
  CONTENT_DIR: ".e2e/content",
  // The index database beside it, made anew with the folder by e2e/prepare-content.mjs.
  INDEX_DB: ".e2e/index.sqlite",
  NEXT_TELEMETRY_DISABLED: "1",
  PREVIEW_TOKEN: "e2e-preview-token",
  REVALIDATE_TOKEN: "e2e-revalidate-token",
};

export default defineConfig({
  testDir: "e2e",
  // proxy.spec.ts checks nginx itself; through the proxy, only the smoke subset makes sense (tests
  // of a single server's own behaviour, such as a fresh nonce per response, do not hold there).
  // cluster.spec.ts starts a cluster of its own, only when asked (E2E_CLUSTER=1); chaos.spec.ts
  // starts a stack of its own on SQLite, which the PostgreSQL run has nothing to add to. Nor to the
  // specs that never read the store, through the same nginx configuration as `test:e2e:proxy`
  // (CI runs both): nginx itself (proxy.spec.ts), the security headers and the server's request
  // checks: about 15 s of CI (their time in the last CI log's run through nginx).
  testMatch: cluster ? "cluster.spec.ts" : undefined,
  testIgnore: cluster
    ? undefined
    : ["cluster.spec.ts", ...(proxy ? [] : ["proxy.spec.ts"]), ...(postgres ? ["chaos.spec.ts", "proxy.spec.ts", "headers.spec.ts", "requests.spec.ts"] : [])],
  grep: proxy && !cluster ? /@smoke/ : undefined,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Through the proxy, one test at a time: the chaos spec times how soon a swapped content folder
  // is served again (10 s), and with a second worker's tests beside it on this 2-core machine that
  // took 7.5–9.6 s and once over 10 s; alone, 2–3 s.
  workers: process.env.CI ? (proxy || cluster ? 1 : 2) : undefined,
  reporter: "list",
  use: {
    baseURL: external ?? proxy?.base ?? `http://127.0.0.1:${PORT}`,
    locale: "ru-RU",
    // The demo site's zone (content/site.json names the default).
    timezoneId: DEFAULT_TIME_ZONE,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    // Readers without JavaScript and crawlers that run none must get every block.
    { name: "no-js", use: { javaScriptEnabled: false } },
    // What nginx or the store changes is the same with or without JavaScript: through the proxy
    // (either store) and in the cluster, once is enough; the direct run covers both projects.
    ...(proxy || cluster ? [] : [{ name: "js", use: { javaScriptEnabled: true } }]),
  ],
  webServer:
    external || cluster
      ? undefined
      : postgres
        ? {
            command: `node e2e/prepare-content.mjs && exec node --import tsx scripts/dev/cluster.ts --port ${new URL(proxy!.base).port} --app-port ${PORT + 1} --instances 2 --pg-port ${PG_PORT} --data .e2e/cluster --fresh 2>> .e2e/server.log`,
            url: `${proxy!.base}/`,
            env: ENV,
            reuseExistingServer: false,
            timeout: 180_000,
            // The script stops nginx, the instances, the indexer and PostgreSQL by their PIDs.
            gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
          }
        : proxy
          ? {
              command: `node e2e/prepare-content.mjs && exec node --import tsx scripts/dev/proxy-stack.ts --port ${new URL(proxy.base).port} --app-port ${PORT + 1} --instances ${proxy.instances.length} 2>> .e2e/server.log`,
              url: `${proxy.base}/`,
              env: ENV,
              reuseExistingServer: false,
              timeout: 180_000,
              // The script stops nginx and the instances by their PIDs and removes its temporary folder.
              gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
            }
          : {
              // `exec` makes the PID Playwright holds the server's own, so stopping it leaves no orphan.
              command: `node e2e/prepare-content.mjs && exec node server.mjs -H 127.0.0.1 -p ${PORT} 2>> .e2e/server.log`,
              url: `http://127.0.0.1:${PORT}/`,
              env: ENV,
              reuseExistingServer: false,
              timeout: 60_000,
            },
});
