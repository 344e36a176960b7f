import { promises as fs } from "node:fs";
import path from "node:path";
import type { Pool } from "pg";
import { readArticleFile } from "@/lib/content/load";
import { isStoreUnavailable } from "@/lib/server/store-outage.mjs";
import { Batcher } from "./pg/batch";

/*
 * Where an instance reads what the index does not hold: the text of an article file (its body is
 * rendered from it) and the bytes of a photo. With a content folder, from the folder; on app
 * instances of a PostgreSQL site, which have none, from the database the mirror filled
 * (lib/store/pg/mirror.ts).
 */

export type ArticleText = { text: string; stamp: string } | { problem: string };

export interface MediaBytes {
  bytes: Buffer;
  lastModified: Date;
  /** Changes whenever the photo does (mtime and size on disk, the mirror's copy in the database). */
  stamp: string;
}

export interface ContentFiles {
  /** An article file's text as it is now, or why it cannot be read. */
  articleText(file: string): Promise<ArticleText>;
  /** A photo under media/ (`media/a.jpg`), which the caller has checked the index knows. */
  media(rel: string): Promise<MediaBytes | undefined>;
}

/** The files of a content folder on this machine. */
export class FolderFiles implements ContentFiles {
  constructor(readonly root: string) {}

  async articleText(file: string): Promise<ArticleText> {
    const read = await readArticleFile(this.root, file);
    return "text" in read ? { text: read.text, stamp: read.stamp ?? "" } : { problem: read.message };
  }

  async media(rel: string): Promise<MediaBytes | undefined> {
    const full = path.join(/* turbopackIgnore: true */ this.root, ...rel.split("/"));
    try {
      const [bytes, stat] = await Promise.all([fs.readFile(full), fs.stat(full)]);
      return { bytes, lastModified: stat.mtime, stamp: `${stat.mtimeMs}:${stat.size}` };
    } catch {
      return undefined;
    }
  }
}

/** The copies the mirror keeps in PostgreSQL. */
export class DatabaseFiles implements ContentFiles {
  // A search page's passages ask for up to 20 bodies at once: one query (lib/store/pg/batch.ts).
  private readonly bodies: Batcher<{ text: string; stamp: string }>;

  constructor(private readonly pool: Pool) {
    this.bodies = new Batcher(async (files) => {
      const { rows } = await this.pool.query<{ file: string; text: string; stamp: string }>(
        "SELECT file, text, stamp FROM bodies WHERE file = ANY($1::text[])",
        [files],
      );
      return new Map(rows.map((r) => [r.file, { text: r.text, stamp: r.stamp }]));
    }, 50);
  }

  async articleText(file: string): Promise<ArticleText> {
    try {
      const row = await this.bodies.load(file);
      return row ? { text: row.text, stamp: row.stamp } : { problem: "is not in the database (yet)" };
    } catch (err) {
      // The database away is not a problem of the file: the page is answered 503 (lib/server/store-outage.mjs).
      if (isStoreUnavailable(err)) throw err;
      return { problem: `cannot be read from the database: ${(err as Error).message}` };
    }
  }

  async media(rel: string): Promise<MediaBytes | undefined> {
    const { rows } = await this.pool.query<{ bytes: Buffer; stamp: string }>("SELECT bytes, stamp FROM media_files WHERE path = $1", [rel]);
    const row = rows[0];
    if (!row) return undefined;
    // The stamp is the file's on the indexer's machine: `mtimeMs:size:ino`.
    const mtime = Number(row.stamp.split(":")[0]);
    return { bytes: row.bytes, lastModified: new Date(Number.isFinite(mtime) ? mtime : 0), stamp: row.stamp };
  }
}
