import { describe, expect, it } from "vitest";
import { blockedInlineScripts, clientRuntimeMarkers, scriptHash, scripts } from "./runtime-markers.mjs";

const clean = [
  '<html><head><style data-href="/_next/static/chunks/a.css">h1{}</style>',
  '<script>document.documentElement.dataset.theme="dark"</script>',
  '<script type="application/ld+json">{"@type":"NewsArticle","text":"self.__next_f"}</script></head>',
  "<body><h1>Заголовок</h1><p>Цена: $RC(1) и TURBOPACK в тексте статьи</p></body></html>",
].join("");

describe("clientRuntimeMarkers", () => {
  it("finds nothing on a page without the runtime, whatever its text and JSON-LD say", () => {
    expect(clientRuntimeMarkers(clean)).toEqual([]);
  });

  it.each([
    ['<script src="/_next/static/chunks/x.js" async=""></script>', "a script from /_next/"],
    ['<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/x.js"/>', "a preload of a script from /_next/"],
    ['<link rel="modulepreload" href="/x.js"/>', "a modulepreload link"],
    ["<script>(self.__next_f=self.__next_f||[]).push([0])</script>", "self.__next_f"],
    ['<script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({})</script>', "TURBOPACK"],
    ['<script id="__NEXT_DATA__" type="application/json">{}</script>', "__NEXT_DATA__"],
    ['<script>(self.__next_s=self.__next_s||[]).push(["/x.js",{}])</script>', "next/script"],
    ['<script>$RC("B:0","S:0")</script>', "streaming"],
    ['<template id="B:0"></template>', "<template>"],
    ['<div hidden id="S:0"><p>Текст</p></div>', "hidden"],
    ['<script>import("/_next/static/chunks/y.js")</script>', "a reference to a chunk"],
  ])("finds %s", (tag, name) => {
    const found = clientRuntimeMarkers(clean.replace("</body>", `${tag}</body>`));
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((f) => f.marker).join("\n")).toContain(name);
    expect(tag).toContain(found[0]!.excerpt.slice(10, 30));
  });
});

describe("blockedInlineScripts", () => {
  const theme = 'document.documentElement.dataset.theme="dark"';
  it("lists the inline scripts whose hash the policy does not carry; data and external scripts are not its business", () => {
    expect(blockedInlineScripts(clean, `default-src 'self'; script-src 'self' ${scriptHash(theme)} 'strict-dynamic'`)).toEqual([]);
    expect(blockedInlineScripts(clean, "script-src 'self' 'sha256-other'")).toEqual([theme]);
    expect(blockedInlineScripts(clean, "")).toEqual([theme]);
  });

  it("reads script types as browsers do", () => {
    const page =
      '<script type="module">a()</script><script type="text/javascript">b()</script><script type="application/json">{}</script><script src="/x.js"></script>';
    expect(scripts(page).map((s) => [s.executable, s.src])).toEqual([
      [true, false],
      [true, false],
      [false, false],
      [true, true],
    ]);
    expect(blockedInlineScripts(page, "script-src 'self'")).toEqual(["a()", "b()"]);
  });
});
