import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { indexCacheOptions } from "./store";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe("indexCacheOptions", () => {
  it("salts the cache with the build id, and has none without a build", async () => {
    const project = await mkdtemp(path.join(os.tmpdir(), "project-"));
    dirs.push(project);
    expect(indexCacheOptions(project, { force: true })).toBeUndefined();
    await mkdir(path.join(project, ".next"));
    await writeFile(path.join(project, ".next", "BUILD_ID"), "abc123\n");
    expect(indexCacheOptions(project, { force: true })).toEqual({
      file: path.join(project, ".next", "cache", "content-index", "index.ndjson"),
      salt: "abc123",
    });
  });
});
