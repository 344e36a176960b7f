import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./security/headers";
import { ENHANCE_SCRIPT, nonceFromPolicy, parseThemeChoice, THEME_SCRIPT } from "./theme";

/** Runs the inline script against a stand-in <html> and storage; returns the attributes it set. */
function runScript(stored: string | null | Error): Record<string, string> {
  const attributes: Record<string, string> = {};
  const document = { documentElement: { setAttribute: (k: string, v: string) => (attributes[k] = v) } };
  const localStorage = {
    getItem: () => {
      if (stored instanceof Error) throw stored;
      return stored;
    },
  };
  runInNewContext(THEME_SCRIPT, { document, localStorage });
  return attributes;
}

describe("the theme script", () => {
  it("applies a stored choice to <html> and marks that JavaScript runs", () => {
    expect(runScript("dark")).toEqual({ "data-js": "", "data-theme": "dark" });
    expect(runScript("light")).toEqual({ "data-js": "", "data-theme": "light" });
  });

  it("leaves the theme to the system for no choice, a bad value or unusable storage", () => {
    expect(runScript(null)).toEqual({ "data-js": "" });
    expect(runScript("purple")).toEqual({ "data-js": "" });
    expect(runScript(new Error("SecurityError"))).toEqual({ "data-js": "" });
  });

  it("reads the stored value the toggle writes", () => {
    expect(parseThemeChoice("dark")).toBe("dark");
    expect(parseThemeChoice("light")).toBe("light");
    expect(parseThemeChoice(null)).toBe("system");
    expect(parseThemeChoice("system")).toBe("system");
  });
});

describe("nonceFromPolicy", () => {
  it("finds the nonce the proxy put in the policy", () => {
    const policy = contentSecurityPolicy("abc+/DEF123==", { metrika: true, https: false, development: false });
    expect(nonceFromPolicy(policy)).toBe("abc+/DEF123==");
  });

  it("gives nothing without a policy or a nonce", () => {
    expect(nonceFromPolicy(null)).toBeUndefined();
    expect(nonceFromPolicy("default-src 'self'")).toBeUndefined();
  });
});

describe("ENHANCE_SCRIPT", () => {
  it("is valid JavaScript", () => {
    expect(() => new Function(ENHANCE_SCRIPT)).not.toThrow();
  });
});
