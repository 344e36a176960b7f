import { createHash } from "node:crypto";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { guardPool } from "@/lib/store/pg/connect";
import {
  isStoreUnavailable,
  isUnreachable,
  markUnavailableShown,
  noteReachable,
  noteUnreachable,
  outageSince,
  requestMarks,
  StoreUnavailableError,
  unavailablePage,
  withRequestMarks,
  type RequestMarks,
} from "./store-outage.mjs";

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

describe("the store's outage", () => {
  it("tells an unreachable database from a wrong query", () => {
    expect(isUnreachable(refused())).toBe(true);
    expect(isUnreachable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isUnreachable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isUnreachable(Object.assign(new Error('relation "x" does not exist'), { code: "42P01" }))).toBe(false);
    expect(isUnreachable("ECONNREFUSED")).toBe(false);
  });

  it("knows its error by name, also as another error's cause (the bundles have their own copies of the class)", () => {
    const e = new StoreUnavailableError(refused());
    expect(e.message).toBe("the database is unreachable: connect ECONNREFUSED 127.0.0.1:5432");
    expect(isStoreUnavailable(e)).toBe(true);
    expect(isStoreUnavailable(new Error("render failed", { cause: e }))).toBe(true);
    expect(isStoreUnavailable(Object.assign(new Error("x"), { name: "StoreUnavailableError" }))).toBe(true);
    expect(isStoreUnavailable(new Error("x"))).toBe(false);
  });

  it("is said once when it begins and once when it ends, with the number of requests answered 503", async () => {
    const lines: string[] = [];
    const log = (l: string) => lines.push(l);
    noteReachable(log);
    expect(lines).toEqual([]);
    noteUnreachable(refused(), log);
    noteUnreachable(refused(), log);
    expect(outageSince()).toBeTypeOf("number");
    noteReachable(log);
    noteReachable(log);
    expect(outageSince()).toBeUndefined();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^the database is unreachable \(connect ECONNREFUSED .+\): serving what this instance has cached, 503 for the rest, retrying$/);
    expect(lines[1]).toMatch(/^the database is back after \d+\.\d s; 0 request\(s\) got 503 meanwhile$/);
  });

  it("marks the request that met it, and one whose page told the reader itself", async () => {
    const marks: RequestMarks = {};
    const shown: RequestMarks = {};
    await withRequestMarks(marks, async () => {
      await Promise.resolve();
      noteUnreachable(refused(), () => undefined);
    });
    await withRequestMarks(shown, async () => markUnavailableShown());
    noteReachable(() => undefined);
    expect(marks).toEqual({ storeUnavailable: true });
    expect(shown).toEqual({ storeUnavailable: true, shown: true });
    expect(requestMarks()).toBeUndefined();
  });

  it("turns the readers' pool's connection failures into StoreUnavailableError, and passes other errors as they are", async () => {
    let fail: Error | undefined = refused();
    const pool = { query: async () => (fail ? Promise.reject(fail) : { rows: [{ n: 1 }] }), totalCount: 3 } as unknown as pg.Pool;
    const lines: string[] = [];
    const guarded = guardPool(pool, (l) => lines.push(l));
    await expect(guarded.query("SELECT 1")).rejects.toSatisfy(isStoreUnavailable);
    await expect(guarded.query("SELECT 1")).rejects.toSatisfy(isStoreUnavailable);
    fail = undefined;
    await expect(guarded.query("SELECT 1")).resolves.toEqual({ rows: [{ n: 1 }] });
    fail = Object.assign(new Error("syntax error"), { code: "42601" });
    await expect(guarded.query("SELEC 1")).rejects.toThrow(/^syntax error$/);
    expect(guarded.totalCount).toBe(3);
    expect(lines.map((l) => l.split(" (")[0]!.split(";")[0])).toEqual(["the database is unreachable", "the database is back after 0.0 s"]);
  });

  it("has a page of its own: the words escaped, no script, its one style allowed by hash", () => {
    const { html, policy } = unavailablePage({ title: "Нет <связи>", text: "Попробуйте & ещё", home: "На главную" });
    expect(html).toContain("<title>Нет &lt;связи&gt;</title>");
    expect(html).toContain("Попробуйте &amp; ещё");
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).not.toContain("<script");
    const style = /<style>(.*?)<\/style>/.exec(html)![1]!;
    expect(policy).toBe(`default-src 'none'; style-src 'sha256-${createHash("sha256").update(style).digest("base64")}'; frame-ancestors 'self'`);
  });
});
