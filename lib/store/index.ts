import { contentDir } from "@/lib/content/load";
import { DatabaseFiles, FolderFiles, type ContentFiles } from "./files";
import { OpenedStore } from "./open";
import { openPg, type PgConnection } from "./pg/connect";
import type { ArticleStore } from "./types";

interface StoreState {
  opened?: Promise<OpenedStore>;
  store?: ArticleStore;
  pg?: PgConnection;
  files?: ContentFiles;
}

// Route handlers, the proxy and pages can be bundled into separate module graphs; a global keeps
// one store (one database connection, at most one indexer) per server process.
const state: StoreState = ((globalThis as { __articleStore?: StoreState }).__articleStore ??= {});

/**
 * The PostgreSQL database this instance reads (DATABASE_URL), if any. Without it the store is the
 * embedded SQLite index of CONTENT_DIR, as it always was; with it the instance needs no content
 * folder: the indexer of another machine (or this one) fills the database (docs/production.md).
 */
export function databaseUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

/** The instance's PostgreSQL connections (queries, and the LISTEN of changes); undefined on SQLite. */
export function getPg(): PgConnection | undefined {
  const url = databaseUrl();
  if (!url) return undefined;
  return (state.pg ??= openPg({ url, readUrl: process.env.DATABASE_READ_URL || undefined }));
}

/**
 * The process's store of CONTENT_DIR: the index database shared by every process of the machine
 * (lib/store/open.ts). This process indexes the folder when it holds the writer's lease.
 */
export function getOpenedStore(): Promise<OpenedStore> {
  if (!state.opened) {
    const rescanMs = Number(process.env.CONTENT_RESCAN_MS) || undefined;
    state.opened = OpenedStore.open(contentDir(), { ...(rescanMs ? { rescanMs } : {}), log: (line) => console.error(`[content] ${line}`) }).catch((err) => {
      state.opened = undefined;
      throw err;
    });
  }
  return state.opened;
}

/** The store every reader of the content asks (resolvers, pages, feeds, sitemaps, search). */
export async function getStore(): Promise<ArticleStore> {
  const pg = getPg();
  if (pg) return pg.store;
  const opened = await getOpenedStore();
  // Each call goes to the database opened now: `npm run index -- --rebuild` may have replaced it.
  return (state.store ??= new Proxy({} as ArticleStore, {
    get(_, name: keyof ArticleStore) {
      const store = opened.current();
      const value = store[name];
      return typeof value === "function" ? value.bind(store) : value;
    },
  }));
}

/** Where article texts (for bodies) and photos are read: the content folder, or the database. */
export function getContentFiles(): ContentFiles {
  const pg = getPg();
  return (state.files ??= pg ? new DatabaseFiles(pg.read) : new FolderFiles(contentDir()));
}
