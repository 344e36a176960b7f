import { nextRunAt } from "./schedule";
import type { SourceState } from "./state";
import type { SourceReport } from "./run";
import type { SourceConfig } from "./types";

/** Text tables for the operator: the summary of a pass and `--status`. */

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function formatPass(reports: SourceReport[]): string {
  const rows = reports.map(({ id, summary: s }) => [
    id,
    String(s.new),
    String(s.updated),
    String(s.unchanged),
    String(s.duplicates),
    String(s.edited),
    String(s.failed),
    `${(s.ms / 1000).toFixed(1)} s`,
    s.ok ? (s.notModified ? "ok, not modified" : "ok") : `FAILED: ${s.reason}`,
  ]);
  return table(["source", "new", "updated", "unchanged", "same story", "edited", "failed items", "time", "result"], rows);
}

function when(ms: number, now: number): string {
  if (!Number.isFinite(ms)) return ms < 0 ? "now" : "never";
  const iso = new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  const minutes = Math.round((ms - now) / 60_000);
  return `${iso} (${minutes === 0 ? "now" : minutes > 0 ? `in ${minutes} min` : `${-minutes} min ago`})`;
}

export function formatStatus(sources: SourceConfig[], states: Map<string, SourceState>, now: number): string {
  const rows = sources.map((source) => {
    const state = states.get(source.id);
    const last = state?.last;
    const articles = state ? Object.values(state.items).filter((i) => !i.duplicateOf).length : 0;
    return [
      source.id,
      source.enabled ? source.mode : `${source.mode} (disabled)`,
      last ? when(Date.parse(last.at), now) : "never",
      last ? (last.ok ? (last.notModified ? "ok, not modified" : `ok: ${last.new} new, ${last.updated} updated`) : `FAILED: ${last.reason}`) : "-",
      String(articles),
      state?.failures ? String(state.failures) : "0",
      source.enabled && state
        ? when(
            nextRunAt(source, state, () => 0.5),
            now,
          )
        : "-",
    ];
  });
  return table(["source", "mode", "last run", "result", "articles", "failures in a row", "next run (--watch)"], rows);
}
