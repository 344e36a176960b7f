import { createHmac } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { serverEnv } from "../lib/server/server-env.mjs";

/** Russian plural forms (one, few, many), written out independently of the site's ICU messages. */
function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return `${n} ${one}`;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return `${n} ${few}`;
  return `${n} ${many}`;
}

export function newsCount(n: number): string {
  return plural(n, "новость", "новости", "новостей");
}

/** "3 минуты чтения". */
export function readingTime(minutes: number): string {
  return plural(minutes, "минута чтения", "минуты чтения", "минут чтения");
}

/** "21 минуту назад" (accusative after «назад»). */
export function minutesAgo(n: number): string {
  return plural(n, "минуту назад", "минуты назад", "минут назад");
}

/** Words as the index counts them (letters and digits, hyphenated compounds as one). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

export const NBSP = "\u00A0";

/** A block found by its heading's text, e.g. the sidebar's news feed. */
export function blockByHeading(page: Page, heading: string | RegExp): Locator {
  return page
    .locator("section, aside")
    .filter({ has: page.getByRole("heading", { name: heading, exact: typeof heading === "string" }) })
    .last();
}

/** The `datetime` attributes of the <time> elements inside a block, in document order. */
export async function datetimes(block: Locator): Promise<number[]> {
  const values = await block.locator("time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime") ?? ""));
  return values.map((v) => Date.parse(v));
}

export function isSortedNewestFirst(values: number[]): boolean {
  return values.every((v, i) => i === 0 || values[i - 1]! >= v);
}

/**
 * Titles of the fixtures that must never appear anywhere on the site, as they would appear: titles
 * are typeset when indexed (non-breaking spaces after short words), so the plain forms could
 * never match. Checks also try the first words, which typesetting does not change.
 */
export const HIDDEN_TITLES = [
  "Черновик: эта новость не\u00A0должна появиться на\u00A0сайте",
  "Запланированная новость из\u00A0будущего",
  "Незакрытая кавычка",
  "Новость из\u00A0несуществующей рубрики",
  "Черновик: эта новость",
  "Запланированная новость",
  "Новость из",
];

export const SEED = {
  slug: "lukashenko-kazakhstan-sco",
  /** Typeset at index time, as the site shows it (the file has plain spaces). */
  title: "Лукашенко: Беларусь рассчитывает на\u00A0поддержку Казахстана в\u00A0присоединении к\u00A0ШОС",
};

/**
 * Starts another production server on 127.0.0.1 with extra environment, for settings the suite's
 * own server does not have; returns its base URL and a stop function (it is stopped by its PID).
 */
export async function startServer(
  port: number,
  env: Record<string, string | undefined>,
): Promise<{ base: string; port: number; stop: () => void; pid: number; exited: Promise<number | null> }> {
  // Several checkouts may run their suites side by side on one machine.
  port += Number(process.env.E2E_PORT_OFFSET ?? 0);
  const { spawn } = await import("node:child_process");
  // The suite's content and index: this server shares the database with the suite's own server.
  const merged: NodeJS.ProcessEnv = { ...process.env, CONTENT_DIR: ".e2e/content", INDEX_DB: ".e2e/index.sqlite", NEXT_TELEMETRY_DISABLED: "1" };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  const server = spawn(process.execPath, ["server.mjs", "-H", "127.0.0.1", "-p", String(port)], { env: serverEnv(merged), stdio: "ignore" });
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (
    !(await fetch(base).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) {
      server.kill("SIGTERM");
      throw new Error(`the server on port ${port} did not start`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, port, stop: () => server.kill("SIGTERM"), pid: server.pid!, exited };
}

/**
 * With E2E_PROXY=1 the suite runs through nginx (`npm run test:e2e:proxy`): scripts/dev/proxy-stack.ts
 * starts two app instances right after E2E_PORT and nginx at E2E_PORT + 5000 (or E2E_NGINX_PORT),
 * all on one content folder. With E2E_STORE=postgres the same, but the instances read PostgreSQL,
 * filled by the indexer from the content folder (scripts/dev/cluster.ts). Returns their addresses
 * then, undefined otherwise.
 */
export function proxyStack(): { base: string; instances: string[] } | undefined {
  if (process.env.E2E_PROXY !== "1" && !postgresStore()) return undefined;
  const port = Number(process.env.E2E_PORT ?? 3210);
  const nginx = Number(process.env.E2E_NGINX_PORT ?? port + 5000);
  return { base: `http://127.0.0.1:${nginx}`, instances: [port + 1, port + 2].map((p) => `http://127.0.0.1:${p}`) };
}

/** E2E_STORE=postgres (`npm run test:e2e:postgres`): the smoke subset against instances reading PostgreSQL. */
export function postgresStore(): boolean {
  return process.env.E2E_STORE === "postgres";
}

/**
 * A preview cookie (`Cookie:` header value) as lib/security/preview.ts signs it, written out
 * independently, for any token and expiry.
 */
export function previewCookie(slug: string, token: string, expiresMs: number): string {
  const payload = `v1.${slug}.${Math.floor(expiresMs / 1000)}`;
  const key = createHmac("sha256", token).update("svezhiy-vypusk preview cookie v1").digest();
  return `editor_preview=${payload}.${createHmac("sha256", key).update(payload).digest("base64url")}`;
}
