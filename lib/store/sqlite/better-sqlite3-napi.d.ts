// better-sqlite3 13 under the name package.json installs it as (see driver.ts): the same API as 12,
// so @types/better-sqlite3 describes it.
declare module "better-sqlite3-napi" {
  import Database from "better-sqlite3";
  export = Database;
}
