import { describe, expect, it } from "vitest";
import { SHARED_CACHE_CONTROL, SHARED_MAX_AGE_SECONDS, STALE_WHILE_REVALIDATE_SECONDS } from "./cache-control";

describe("shared cache policy", () => {
  it("keeps a change visible within 5 s through a shared cache, with file events noticed within a second", () => {
    // Noticed within a second, then s-maxage + stale-while-revalidate, plus a second as nginx counts whole seconds.
    expect(1 + SHARED_MAX_AGE_SECONDS + STALE_WHILE_REVALIDATE_SECONDS + 1).toBeLessThanOrEqual(5);
  });

  it("lets shared caches keep pages while browsers always revalidate", () => {
    const directives = SHARED_CACHE_CONTROL.split(", ");
    expect(directives).toContain("public");
    expect(directives).toContain("max-age=0");
    expect(SHARED_CACHE_CONTROL).toMatch(/s-maxage=[1-9]\d*/);
    expect(SHARED_CACHE_CONTROL).toMatch(/stale-while-revalidate=[1-9]\d*/);
  });
});
