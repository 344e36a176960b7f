import { existsSync, readFileSync } from "node:fs";
import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inlineScriptHashes } from "@/lib/security/inline-scripts";
import { clientRuntimeMarkers, scriptHash, scripts } from "./runtime-markers.mjs";
import { settlePolicy, shouldStrip, stripClientRuntimeBytes, type StripOptions } from "./strip-runtime.mjs";

const stripClientRuntime = (html: string, options?: StripOptions) => stripClientRuntimeBytes(Buffer.from(html), options).toString("utf8");

const page = [
  '<html><head><link rel="stylesheet" href="/_next/static/chunks/a.css"/>',
  '<link rel="preload" as="script" fetchPriority="low" nonce="n" href="/_next/static/chunks/x.js"/>',
  '<script src="/_next/static/chunks/x.js" async="" nonce="n"></script>',
  '<script src="/_next/static/chunks/poly.js" noModule="" nonce="n"></script>',
  '<script nonce="n">document.documentElement.dataset.theme="dark"</script>',
  '<script type="application/ld+json">{"@type":"NewsArticle"}</script></head>',
  "<body><h1>Заголовок</h1><p>Текст</p>",
  '<script nonce="n">(self.__next_f=self.__next_f||[]).push([0])</script>',
  '<script nonce="n">self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\u003c/script\\u003e"])</script>',
  '<script nonce="n" id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[]})</script>',
  "</body></html>",
].join("");

describe("stripClientRuntimeBytes", () => {
  it("removes Next's chunks, preloads, payload and loader, and keeps content, styles, JSON-LD and other scripts", () => {
    const out = stripClientRuntime(page);
    expect(out).not.toMatch(/_next\/static\/chunks\/[^"]*\.js|__next_f|TURBOPACK/);
    expect(out).toContain('<link rel="stylesheet" href="/_next/static/chunks/a.css"/>');
    expect(out).toContain('dataset.theme="dark"');
    expect(out).toContain('{"@type":"NewsArticle"}');
    expect(out).toContain("<h1>Заголовок</h1><p>Текст</p>");
  });

  it("inlines the build's stylesheet when its bytes are given, and keeps the link otherwise", () => {
    const asked: string[] = [];
    const css = (href: string) => (asked.push(href), href.endsWith("/a.css") ? Buffer.from("h1{color:red}") : undefined);
    const out = stripClientRuntime(page, { stylesheet: css });
    expect(out).toContain('<style data-href="/_next/static/chunks/a.css">h1{color:red}</style>');
    expect(out).not.toContain('rel="stylesheet"');
    expect(asked).toEqual(["/_next/static/chunks/a.css"]);

    const other = page.replace("a.css", "b.css");
    expect(stripClientRuntime(other, { stylesheet: css })).toContain('<link rel="stylesheet" href="/_next/static/chunks/b.css"/>');
    // Only the build's own files: a path out of it is never asked for.
    const hostile = page.replace("/_next/static/chunks/a.css", "/_next/static/../../../etc/passwd.css");
    stripClientRuntime(hostile, { stylesheet: css });
    expect(asked).not.toContain("/_next/static/../../../etc/passwd.css");
  });
});

// A page as the installed Next renders it, runtime and all, written by
// `node --import tsx scripts/build/check-no-runtime.ts --capture` after a build (with METRIKA_ID
// 12345678, so the consent notice's script is on it). Named for the Next version that rendered it:
// after an upgrade the first test fails until it is captured again from the new Next's output.
describe("stripClientRuntimeBytes on a page Next rendered", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const next = (JSON.parse(readFileSync(path.join(root, "node_modules/next/package.json"), "utf8")) as { version: string }).version;
  const fixture = path.join(import.meta.dirname, "fixtures", `not-found.next-${next}.html`);
  const captured = () => readFileSync(fixture);
  const own = new Set(inlineScriptHashes(12345678));
  const ownScripts = (html: string) => scripts(html).filter((s) => s.executable && !s.src && own.has(scriptHash(s.text)));

  it("has a capture from the installed Next", () => {
    expect(
      existsSync(fixture),
      `no ${path.relative(root, fixture)}: after upgrading Next run \`npm run build\`, then \`node --import tsx scripts/build/check-no-runtime.ts --capture\``,
    ).toBe(true);
  });

  it.runIf(existsSync(fixture))("finds Next's runtime in the capture, with the markers the stripper relies on", () => {
    const html = captured().toString("utf8");
    expect(clientRuntimeMarkers(html).length).toBeGreaterThan(0);
    expect(html).toMatch(/<script src="\/_next\/static\/[^"]+\.js"/);
    expect(html).toContain("self.__next_f");
  });

  it.runIf(existsSync(fixture))("takes all of it out, and keeps the content, the styles and every one of the site's own scripts", () => {
    const raw = captured();
    const out = stripClientRuntimeBytes(raw).toString("utf8");
    expect(clientRuntimeMarkers(out)).toEqual([]);
    expect(out).toMatch(/<h1\b[^>]*>Страница не найдена<\/h1>/);
    expect(out).toMatch(/<link rel="stylesheet" href="\/_next\/static\/[^"]+\.css"/);
    // Every inline script left is one of the site's own (the policy allows nothing else), and none of those went.
    const left = scripts(out).filter((s) => s.executable && !s.src);
    expect(left.length).toBeGreaterThan(0);
    // The capture holds the inline scripts as they were when it was taken: after changing one, take it again.
    const recapture =
      "the capture's inline scripts are not the site's current ones: run `npm run build`, then `node --import tsx scripts/build/check-no-runtime.ts --capture`";
    expect(ownScripts(out), recapture).toEqual(left);
    expect(ownScripts(out).map((s) => s.text)).toEqual(ownScripts(raw.toString("utf8")).map((s) => s.text));
    expect(out.length).toBeLessThan(raw.length / 2);
  });
});

describe("shouldStrip", () => {
  it("strips found and not-found pages, an editor's preview too; never errors or other types", () => {
    expect(shouldStrip(200, "text/html; charset=utf-8")).toBe(true);
    expect(shouldStrip(404, "text/html; charset=utf-8")).toBe(true);
    expect(shouldStrip(500, "text/html; charset=utf-8")).toBe(false);
    expect(shouldStrip(200, "application/rss+xml")).toBe(false);
  });
});

describe("settlePolicy", () => {
  const response = (headers: Record<string, string>) => {
    const res = new ServerResponse(new IncomingMessage(new Socket()));
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    return res;
  };

  const proxied = (contentType: string) =>
    response({ "Content-Type": contentType, "Content-Security-Policy": "script-src 'nonce-n' 'sha256-x'", "x-page-csp": "script-src 'sha256-x'" });

  it("keeps the nonce only on an HTML page that keeps Next's runtime, and drops the private header", () => {
    const error = proxied("text/html; charset=utf-8");
    settlePolicy(error, false);
    expect(error.getHeader("content-security-policy")).toBe("script-src 'nonce-n' 'sha256-x'");
    expect(error.getHeader("x-page-csp")).toBeUndefined();
    const page = proxied("text/html; charset=utf-8");
    settlePolicy(page, true);
    expect(page.getHeader("content-security-policy")).toBe("script-src 'sha256-x'");
    expect(page.getHeader("x-page-csp")).toBeUndefined();
    const feed = proxied("application/rss+xml");
    settlePolicy(feed, false);
    expect(feed.getHeader("content-security-policy")).toBe("script-src 'sha256-x'");
  });

  it("leaves answers the proxy did not see alone", () => {
    const media = response({ "Content-Security-Policy": "default-src 'none'" });
    settlePolicy(media, false);
    expect(media.getHeader("content-security-policy")).toBe("default-src 'none'");
  });
});
