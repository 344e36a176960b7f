import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
/** Set E2E_BASE_URL to run the suite against a server started elsewhere (e.g. behind a proxy). */
const external = process.env.E2E_BASE_URL;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: "list",
  use: {
    baseURL: external ?? `http://127.0.0.1:${PORT}`,
    locale: "ru-RU",
    timezoneId: "Europe/Minsk",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    // Readers without JavaScript and crawlers that run none must get every block.
    { name: "no-js", use: { javaScriptEnabled: false } },
    { name: "js", use: { javaScriptEnabled: true } },
  ],
  webServer: external
    ? undefined
    : {
        // `exec` makes the PID Playwright holds the server's own, so stopping it leaves no orphan.
        command: `node e2e/prepare-content.mjs && exec node server.mjs -H 127.0.0.1 -p ${PORT} 2>> .e2e/server.log`,
        url: `http://127.0.0.1:${PORT}/`,
        env: {
          CONTENT_DIR: ".e2e/content",
          NEXT_TELEMETRY_DISABLED: "1",
          PREVIEW_TOKEN: "e2e-preview-token",
          REVALIDATE_TOKEN: "e2e-revalidate-token",
        },
        reuseExistingServer: false,
        timeout: 60_000,
      },
});
