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
    expect(indexCacheOptions(project, { force: true, content: "/srv/news" })).toBeUndefined();
    await mkdir(path.join(project, ".next"));
    await writeFile(path.join(project, ".next", "BUILD_ID"), "abc123\n");
    const a = indexCacheOptions(project, { force: true, content: "/srv/news" });
    expect(a).toEqual({ file: expect.stringMatching(/content-index\/index-[0-9a-f]{12}\.ndjson$/), salt: "abc123" });
    expect(indexCacheOptions(project, { force: true, content: "/srv/other" })?.file).not.toBe(a?.file);
  });
});
