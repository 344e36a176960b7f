import { describe, expect, it } from "vitest";
import { emptyState, type SourceState } from "./state";
import { MAX_BACKOFF_MS, nextRunAt } from "./schedule";
import type { SourceConfig } from "./types";

const source: SourceConfig = {
  id: "a",
  name: "A",
  url: "https://example.org/rss",
  section: "politics",
  mode: "full",
  everyMs: 600_000,
  enabled: true,
  categories: {},
};
const at = Date.parse("2024-03-04T12:00:00Z");
const ran = (failures: number, extra: Partial<SourceState> = {}): SourceState => ({
  ...emptyState(),
  failures,
  last: {
    at: new Date(at).toISOString(),
    ok: failures === 0,
    new: 0,
    updated: 0,
    unchanged: 0,
    duplicates: 0,
    failed: 0,
    edited: 0,
    notModified: false,
    ms: 1,
  },
  ...extra,
});

describe("nextRunAt", () => {
  it("runs a source never read at once", () => {
    expect(nextRunAt(source, emptyState())).toBe(Number.NEGATIVE_INFINITY);
  });

  it("waits `every`, give or take a tenth", () => {
    expect(nextRunAt(source, ran(0), () => 0.5)).toBe(at + 600_000);
    expect(nextRunAt(source, ran(0), () => 0)).toBe(at + 540_000);
    expect(nextRunAt(source, ran(0), () => 1)).toBe(at + 660_000);
  });

  it("backs off after failures, up to six hours", () => {
    expect(nextRunAt(source, ran(1), () => 0.5)).toBe(at + 1_200_000);
    expect(nextRunAt(source, ran(3), () => 0.5)).toBe(at + 4_800_000);
    expect(nextRunAt(source, ran(40), () => 0.5)).toBe(at + MAX_BACKOFF_MS);
  });

  it("honours the partner's Retry-After", () => {
    const later = new Date(at + 3 * 3_600_000).toISOString();
    expect(nextRunAt(source, ran(1, { retryAfter: later }), () => 0.5)).toBe(Date.parse(later));
  });
});
