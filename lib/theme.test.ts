import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { INLINE_SCRIPTS } from "@/lib/security/inline-scripts";
import { THEME_CHOICES } from "./theme";

// The scripts run as the page carries them: the serialised text of applyStoredTheme and themeToggle.

/** A stand-in element: attributes only. */
function element() {
  const attributes = new Map<string, string>();
  return {
    attributes,
    getAttribute: (k: string) => attributes.get(k) ?? null,
    setAttribute: (k: string, v: string) => void attributes.set(k, v),
    removeAttribute: (k: string) => void attributes.delete(k),
  };
}

function storage(initial: string | null | Error) {
  let value = initial;
  return {
    get value() {
      return value;
    },
    getItem: () => {
      if (value instanceof Error) throw value;
      return value;
    },
    setItem: (_: string, v: string) => void (value = v),
    removeItem: () => void (value = null),
  };
}

describe("the head script", () => {
  const run = (stored: string | null | Error) => {
    const html = element();
    runInNewContext(INLINE_SCRIPTS.theme, { document: { documentElement: html }, window: { localStorage: storage(stored) } });
    return Object.fromEntries(html.attributes);
  };

  it("applies a stored choice to <html> and marks that JavaScript runs", () => {
    expect(run("dark")).toEqual({ "data-js": "", "data-theme": "dark" });
    expect(run("light")).toEqual({ "data-js": "", "data-theme": "light" });
  });

  it("leaves the theme to the system for no choice, a bad value or unusable storage", () => {
    expect(run(null)).toEqual({ "data-js": "" });
    expect(run("purple")).toEqual({ "data-js": "" });
    expect(run(new Error("SecurityError"))).toEqual({ "data-js": "" });
    // Some browsers throw on the very look-up of window.localStorage.
    const html = element();
    const window = {
      get localStorage(): Storage {
        throw new Error("SecurityError");
      },
    };
    runInNewContext(INLINE_SCRIPTS.theme, { document: { documentElement: html }, window });
    expect(Object.fromEntries(html.attributes)).toEqual({ "data-js": "" });
  });
});

describe("the toggle script", () => {
  function setUp(stored: string | null) {
    const html = element();
    const buttons = THEME_CHOICES.map((c) => {
      const b = { ...element(), closest: () => b };
      b.setAttribute("data-theme-choice", c);
      return b;
    });
    const handlers: Record<string, (e: object) => void> = {};
    const group = { querySelectorAll: () => buttons, addEventListener: (type: string, h: (e: object) => void) => (handlers[type] = h) };
    const localStorage = storage(stored);
    const window = { localStorage, addEventListener: (type: string, h: (e: object) => void) => (handlers[`window:${type}`] = h) };
    runInNewContext(INLINE_SCRIPTS.themeToggle, {
      document: { documentElement: html, getElementById: (id: string) => (id === "theme-toggle" ? group : null) },
      window,
    });
    const pressed = () => buttons.filter((b) => b.getAttribute("aria-pressed") === "true").map((b) => b.getAttribute("data-theme-choice"));
    const click = (choice: string) => handlers.click!({ target: buttons.find((b) => b.getAttribute("data-theme-choice") === choice) });
    return { html, localStorage, pressed, click, handlers };
  }

  it("shows the stored choice as pressed", () => {
    expect(setUp("dark").pressed()).toEqual(["dark"]);
    expect(setUp(null).pressed()).toEqual(["system"]);
  });

  it("stores and applies a choice, and «system» forgets it", () => {
    const t = setUp(null);
    t.click("dark");
    expect([t.localStorage.value, t.html.getAttribute("data-theme"), t.pressed()]).toEqual(["dark", "dark", ["dark"]]);
    t.click("light");
    expect([t.localStorage.value, t.html.getAttribute("data-theme"), t.pressed()]).toEqual(["light", "light", ["light"]]);
    t.click("system");
    expect([t.localStorage.value, t.html.getAttribute("data-theme"), t.pressed()]).toEqual([null, null, ["system"]]);
  });

  it("follows a choice made in another tab", () => {
    const t = setUp(null);
    t.localStorage.setItem("theme", "dark");
    t.handlers["window:storage"]!({ key: "theme" });
    expect([t.html.getAttribute("data-theme"), t.pressed()]).toEqual(["dark", ["dark"]]);
  });
});
