import type BetterSqlite3 from "better-sqlite3";
import Legacy from "better-sqlite3";
import Napi from "better-sqlite3-napi";

/**
 * The SQLite driver for the Node this process runs on: better-sqlite3 13 (installed as
 * `better-sqlite3-napi`) on Node 22 and later, better-sqlite3 12 on Node 20.
 *
 * Why two: 12 wraps its objects in Node's own `node::ObjectWrap`, whose header changed in Node
 * 24.19 to remove an environment cleanup hook when an object is finalized. That check aborts the
 * process ("Assertion failed: (env) != nullptr" in RemoveEnvironmentCleanupHook) when the garbage
 * collector finalizes a statement with no JavaScript context entered, as at a worker's or a
 * process's teardown or in an idle-time collection (nodejs/node#65446; better-sqlite3 closed
 * #1515 without a fix for 12). Built against 24.19+ headers, which is what npm compiles here (its
 * prebuilt binaries come from GitHub, out of reach), every Node 24 process that used the index
 * could die that way; CI's Node 24 stage lost three test files to it. 13 is built on Node-API
 * (node-addon-api) instead and ships its binaries inside the npm package, so it neither crashes
 * nor compiles; but it needs Node 22 (on 20 it loads and then segfaults), which is why 20 keeps 12.
 * Both packages load their native part only when a database is first opened, so importing both
 * here costs nothing on the line that does not use one.
 *
 * The API this code uses (prepare, exec, pragma, transaction, pluck, safeIntegers, close) is the
 * same in both; @types/better-sqlite3 describes both.
 */
export const NAPI_FROM_MAJOR = 22;

const napi = Number(process.versions.node.split(".")[0]) >= NAPI_FROM_MAJOR;

/** `better-sqlite3` or `better-sqlite3-napi`: the package `Database` comes from. */
export const driverPackage = napi ? "better-sqlite3-napi" : "better-sqlite3";

export const Database: typeof BetterSqlite3 = napi ? Napi : Legacy;
