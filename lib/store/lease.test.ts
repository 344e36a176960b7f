import type Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LEASE_MS, WriterLease } from "./lease";
import { createSchema, openDatabase, writeMeta } from "./sqlite/schema";

let db: Database.Database;

beforeEach(() => {
  db = openDatabase(":memory:", { mustExist: true });
  createSchema(db);
});

afterEach(() => db.close());

describe("WriterLease", () => {
  it("is held by one writer at a time, renewed by it, and free once released", () => {
    const [a, b] = [new WriterLease(db), new WriterLease(db)];
    expect(a.tryTake(1000)).toBe(true);
    expect(b.tryTake(1000)).toBe(false);
    expect(a.renew(2000)).toBe(true);
    expect(b.tryTake(2000 + LEASE_MS - 1)).toBe(false);
    // Releasing a lease one does not hold changes nothing.
    b.release();
    expect(a.holder()?.id).toBe(a.id);
    a.release();
    expect(a.holder()).toBeUndefined();
    expect(b.tryTake(3000)).toBe(true);
  });

  it("is taken over from a writer that stopped renewing, which then learns it lost it", () => {
    const [a, b] = [new WriterLease(db), new WriterLease(db)];
    expect(a.tryTake(1000)).toBe(true);
    expect(b.tryTake(1000 + LEASE_MS)).toBe(true);
    expect(a.renew(1000 + LEASE_MS + 1)).toBe(false);
    expect(a.holder()?.id).toBe(b.id);
  });

  it("is taken at once from a process that no longer exists", () => {
    // A pid above Linux's largest: no such process.
    writeMeta(db, "writer", JSON.stringify({ id: "gone", pid: 2 ** 30, at: 1000 }));
    const lease = new WriterLease(db);
    expect(lease.tryTake(1001)).toBe(true);
    expect(lease.holder()).toMatchObject({ id: lease.id, pid: process.pid });
  });
});
