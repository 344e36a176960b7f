import type { ThemeChoice } from "@/lib/theme";

const OPTIONS: ThemeChoice[] = ["light", "dark", "system"];

/**
 * Light, dark or the system's theme. The inline script in <head> has already applied the stored
 * choice before the first paint; ENHANCE_SCRIPT (lib/theme.ts) marks the pressed button and
 * handles clicks. Hidden until the head script has run, so readers without JavaScript get no
 * dead buttons.
 */
export function ThemeToggle({ labels }: { labels: Record<ThemeChoice | "label", string> }) {
  return (
    <div role="group" aria-label={labels.label} className="hidden items-center gap-1 font-sans text-xs js:flex print:hidden">
      {OPTIONS.map((option) => (
        <button
          key={option}
          type="button"
          data-theme-choice={option}
          aria-pressed={option === "system"}
          className="rounded-sm border border-rule px-2 py-0.5 text-muted hover:border-ink hover:text-ink aria-pressed:border-ink aria-pressed:bg-ink aria-pressed:text-paper"
        >
          {labels[option]}
        </button>
      ))}
    </div>
  );
}
