import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { metrikaScripts } from "@/lib/security/inline-scripts";
import { parseConsent, safeReturnPath } from "./consent";

describe("consent", () => {
  it("accepts only the two answers", () => {
    expect(parseConsent("granted")).toBe("granted");
    expect(parseConsent("denied")).toBe("denied");
    expect(parseConsent("yes")).toBeUndefined();
    expect(parseConsent(undefined)).toBeUndefined();
  });

  it("returns only to paths on this site", () => {
    expect(safeReturnPath("/news/x?page=2")).toBe("/news/x?page=2");
    for (const bad of ["//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "", 42]) expect(safeReturnPath(bad)).toBe("/");
  });
});

describe("Metrika scripts", () => {
  /** The page's globals as far as the scripts touch them. */
  function page(protocol = "http:") {
    const appended: { src: string; async: boolean }[] = [];
    const listeners: Record<string, (e: object) => void> = {};
    const form = {
      removed: false,
      remove: () => void (form.removed = true),
      addEventListener: (type: string, h: (e: object) => void) => void (listeners[type] = h),
    };
    const document = {
      cookie: "",
      location: { protocol },
      getElementById: (id: string) => (id === "metrika-consent" ? form : null),
      createElement: () => ({ src: "", async: false }),
      head: { appendChild: (s: { src: string; async: boolean }) => void appended.push(s) },
    };
    const window: { ym?: { (...args: unknown[]): void; a?: ArrayLike<unknown>[] } } = {};
    const submit = (value: string) => {
      let prevented = false;
      listeners.submit!({ submitter: { value }, preventDefault: () => void (prevented = true) });
      return prevented;
    };
    return { document, window, form, appended, submit };
  }

  it("the loader queues this page view for the counter and adds Metrika's tag, once", () => {
    const p = page();
    const { loader } = metrikaScripts(12345678.9);
    runInNewContext(loader, { document: p.document, window: p.window, Date });
    runInNewContext(loader, { document: p.document, window: p.window, Date });
    expect(p.appended).toEqual([{ src: "https://mc.yandex.ru/metrika/tag.js", async: true }]);
    expect(p.window.ym!.a!.map((args) => Array.from(args))).toEqual([[12345678, "init", { clickmap: true, trackLinks: true, accurateTrackBounce: true }]]);
  });

  it("the consent form keeps the answer in the cookie, closes, and loads Metrika only when granted", () => {
    const granted = page("https:");
    runInNewContext(metrikaScripts(42).consentForm, { document: granted.document, window: granted.window, Date });
    expect(granted.submit("granted")).toBe(true);
    expect(granted.document.cookie).toBe("metrika_consent=granted; Path=/; Max-Age=31536000; SameSite=Lax; Secure");
    expect(granted.form.removed).toBe(true);
    expect(granted.appended).toHaveLength(1);
    expect(Array.from(granted.window.ym!.a![0]!)[0]).toBe(42);

    const denied = page();
    runInNewContext(metrikaScripts(42).consentForm, { document: denied.document, window: denied.window, Date });
    expect(denied.submit("denied")).toBe(true);
    expect(denied.document.cookie).toBe("metrika_consent=denied; Path=/; Max-Age=31536000; SameSite=Lax");
    expect([denied.form.removed, denied.appended, denied.window.ym]).toEqual([true, [], undefined]);
  });

  it("a submit without an answer goes to the server as a form post", () => {
    const p = page();
    runInNewContext(metrikaScripts(42).consentForm, { document: p.document, window: p.window, Date });
    expect(p.submit("")).toBe(false);
    expect([p.document.cookie, p.form.removed]).toEqual(["", false]);
  });
});
