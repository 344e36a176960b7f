import { describe, expect, it } from "vitest";
import { tsxWorkerSource } from "./tsx-worker";

describe("a tsx worker's source", () => {
  it("registers tsx, then imports the worker beside the pool's module", () => {
    expect(tsxWorkerSource("file:///app/lib/store/parse-pool.ts", "parse-worker.ts")).toBe(
      'import("tsx/esm/api").then(({ register }) => { register(); return import("file:///app/lib/store/parse-worker.ts"); })',
    );
  });
});
