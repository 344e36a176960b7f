import { afterEach, describe, expect, it, vi } from "vitest";
import { report, type Result, type RunInfo } from "./report";

const run = (store: RunInfo["store"]): RunInfo => ({
  store,
  indexScript: true,
  rounds: 3,
  seconds: 10,
  connections: 16,
  safetyNetSeconds: 30,
  queriesPerLength: 100,
  ...(store === "postgres" ? { postgresVersion: "17.6" } : {}),
});

const result = (over: Partial<Result> = {}): Result => ({ size: 1000, load: {}, samples: {}, notes: [], loadAvg: "1.0 1.0 1.0", ...over });

function printed(results: Result[], info: RunInfo): string[] {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(...args.map(String).join(" ").split("\n")));
  report(results, info);
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe("report", () => {
  it("says the store in every table's rows, so that two runs' rows go under one header", () => {
    const lines = printed([result({ restMb: 250 })], run("sqlite"));
    const headers = lines.filter((l) => l.startsWith("| articles"));
    expect(headers.length).toBe(4);
    for (const h of headers) expect(h).toMatch(/^\| articles \| store /);
    expect(lines.filter((l) => l.startsWith("| 1,000 ")).every((l) => l.includes("| SQLite "))).toBe(true);
    expect(lines.some((l) => l.includes("PostgreSQL"))).toBe(false);
  });

  it("on PostgreSQL, holds the indexer to the safety net's target, and prints the app server's CPU and PostgreSQL's own figures apart", () => {
    const lines = printed(
      [
        result({
          safetyNetCpu: 0.1,
          indexerRestCpu: 1.5,
          indexerRestMb: 190,
          pgRestMb: 330,
          pgRestPssMb: 120,
          databaseMb: 20,
          copySeconds: 1.6,
          indexedSeconds: 3,
        }),
      ],
      run("postgres"),
    );
    expect(lines.find((l) => l.startsWith("Store: PostgreSQL 17.6"))).toBeDefined();
    expect(lines.find((l) => /^(PASS|FAIL)/.test(l) && l.includes("safety net"))).toMatch(/^FAIL .*\(indexer\) +1\.50 %/);
    expect(lines.find((l) => l.includes("app server's CPU at rest"))).toMatch(/^INFO .*0\.10 % of a core/);
    const pgTable = lines.findIndex((l) => l.startsWith("PostgreSQL: the index and its copy"));
    expect(pgTable).toBeGreaterThan(0);
    expect(lines.slice(pgTable).find((l) => l.startsWith("| 1,000 "))).toMatch(/\| 3\.0 +\| 1\.6 +\| 20 +\| 330 \(120\) +\|/);
  });

  it("on SQLite, holds the server itself to the safety net's target", () => {
    const lines = printed([result({ safetyNetCpu: 0.7 })], run("sqlite"));
    expect(lines.find((l) => /^(PASS|FAIL)/.test(l) && l.includes("safety net"))).toMatch(/^PASS .*at rest +0\.70 %/);
  });
});
