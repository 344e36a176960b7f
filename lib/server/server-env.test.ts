import { describe, expect, it } from "vitest";
import { serverEnv } from "./server-env.mjs";

describe("serverEnv", () => {
  it("sets glibc's malloc arenas and mmap threshold unless the caller chose values", () => {
    expect(serverEnv({ CONTENT_DIR: "c" })).toEqual({ CONTENT_DIR: "c", MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "131072" });
    expect(serverEnv({ MALLOC_ARENA_MAX: "8" })).toMatchObject({ MALLOC_ARENA_MAX: "8", MALLOC_MMAP_THRESHOLD_: "131072" });
  });

  it("does not change the caller's object", () => {
    const env = { A: "1" };
    serverEnv(env);
    expect(env).toEqual({ A: "1" });
  });
});
