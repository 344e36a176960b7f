import { getTranslations } from "next-intl/server";
import { INLINE_SCRIPTS, THEME_TOGGLE_ID } from "@/lib/security/inline-scripts";
import { CHOICE_ATTRIBUTE, THEME_CHOICES, type ThemeChoice } from "@/lib/theme";
const LABEL: Record<ThemeChoice, "themeLight" | "themeDark" | "themeSystem"> = { light: "themeLight", dark: "themeDark", system: "themeSystem" };

/**
 * Light, dark or the system's theme. The script in <head> has already applied the stored choice
 * before the first paint; the script after these buttons marks it pressed and handles clicks.
 * Hidden until the head script has run (the js: variant), so readers without JavaScript get no
 * dead buttons, and the system setting.
 */
export async function ThemeToggle() {
  const t = await getTranslations("site");
  return (
    <>
      {/* A visible label (three words alone did not say what they switch): «Тема», short enough to
          keep the row on one line at 390 px, inside the group's full name (WCAG 2.5.3). Each button
          is at least 24 px high (WCAG 2.2 target size). */}
      <div
        id={THEME_TOGGLE_ID}
        role="group"
        aria-label={t("themeLabel")}
        className="hidden items-center gap-1 font-sans text-xs whitespace-nowrap js:flex print:hidden"
      >
        <span aria-hidden="true" className="mr-1 text-muted">
          {t("themeShort")}
        </span>
        {THEME_CHOICES.map((choice) => (
          <button
            key={choice}
            type="button"
            {...{ [CHOICE_ATTRIBUTE]: choice }}
            aria-pressed={choice === "system"}
            className="min-h-6 rounded-sm border border-rule px-2 py-1 text-muted hover:border-ink hover:text-ink aria-pressed:border-ink aria-pressed:bg-ink aria-pressed:text-paper"
          >
            {t(LABEL[choice])}
          </button>
        ))}
      </div>
      {/* Allowed by its hash in the CSP (lib/security/inline-scripts.ts). */}
      <script dangerouslySetInnerHTML={{ __html: INLINE_SCRIPTS.themeToggle }} />
    </>
  );
}
