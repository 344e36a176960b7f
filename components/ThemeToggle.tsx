"use client";

import { useSyncExternalStore } from "react";
import { parseThemeChoice, THEME_ATTRIBUTE, THEME_STORAGE_KEY, type ThemeChoice } from "@/lib/theme";

const OPTIONS: ThemeChoice[] = ["light", "dark", "system"];
const listeners = new Set<() => void>();

function readChoice(): ThemeChoice {
  try {
    return parseThemeChoice(localStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    return "system";
  }
}

function apply(choice: ThemeChoice) {
  const root = document.documentElement;
  if (choice === "system") root.removeAttribute(THEME_ATTRIBUTE);
  else root.setAttribute(THEME_ATTRIBUTE, choice);
}

function choose(choice: ThemeChoice) {
  try {
    if (choice === "system") localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage refused: the choice holds for this page only.
  }
  apply(choice);
  listeners.forEach((l) => l());
}

function subscribe(onChange: () => void) {
  // A choice made in another tab applies here too.
  const onStorage = (e: StorageEvent) => {
    if (e.key !== null && e.key !== THEME_STORAGE_KEY) return;
    apply(readChoice());
    onChange();
  };
  listeners.add(onChange);
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onStorage);
  };
}

/**
 * Light, dark or the system's theme. The inline script in <head> has already applied the stored
 * choice before the first paint; this only changes and remembers it. The server renders "system"
 * pressed (it cannot know), and React switches to the stored choice right after hydration.
 * Hidden until that script has run, so readers without JavaScript get no dead buttons.
 */
export function ThemeToggle({ labels }: { labels: Record<ThemeChoice | "label", string> }) {
  const current = useSyncExternalStore(subscribe, readChoice, () => "system" as const);
  return (
    <div role="group" aria-label={labels.label} className="hidden items-center gap-1 font-sans text-xs js:flex print:hidden">
      {OPTIONS.map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={current === option}
          onClick={() => choose(option)}
          className="rounded-sm border border-rule px-2 py-0.5 text-muted hover:border-ink hover:text-ink aria-pressed:border-ink aria-pressed:bg-ink aria-pressed:text-paper"
        >
          {labels[option]}
        </button>
      ))}
    </div>
  );
}
