/**
 * Vitest's global set-up: a PostgreSQL server of the test run's own (scripts/dev/postgres.ts) for
 * the PostgreSQL store's tests, or the one TEST_DATABASE_URL names. Without PostgreSQL installed
 * those tests are skipped with a note, except under CI, where the run fails: CI must test both stores.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { postgresBin, startPostgres, type LocalPostgres } from "../scripts/dev/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

let server: LocalPostgres | undefined;
let dir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide("pgUrl", process.env.TEST_DATABASE_URL);
    return;
  }
  if (!postgresBin()) {
    if (process.env.CI) throw new Error("PostgreSQL is not installed, and CI tests both stores: apt-get install -y postgresql");
    console.warn("PostgreSQL is not installed: the PostgreSQL store's tests are skipped (apt-get install -y postgresql)");
    project.provide("pgUrl", "");
    return;
  }
  dir = mkdtempSync(path.join(os.tmpdir(), "vitest-pg-"));
  // A port of the run's own: another run (or CI beside a developer) may have one open.
  const port = 20_000 + (process.pid % 20_000);
  server = await startPostgres({ dir, port });
  project.provide("pgUrl", server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
