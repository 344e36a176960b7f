import { createHash } from "node:crypto";

/**
 * What would show that a page still ships Next's client runtime (or React's streaming scripts),
 * found independently of how strip-runtime.mjs removes it: a second opinion, for the build's
 * check (scripts/build/check-no-runtime.ts) and the stripper's tests on captured pages. Each entry
 * names the marker in words, so a failed build says what to look for.
 */
const IN_SCRIPT = [
  [/self\.__next_f/, "the RSC payload (self.__next_f)"],
  [/TURBOPACK/, "Turbopack's chunk loader (TURBOPACK)"],
  [/__next_s\b/, "next/script's queue (self.__next_s)"],
  // React's out-of-order streaming: without them, a suspended part stays hidden in a <template>.
  [/\$R[CSXRV]\s*[(=]/, "React's streaming instructions ($RC/$RS/$RX…)"],
];

const IN_PAGE = [
  [/<script\b[^>]*\bsrc="\/_next\/[^"]*"/i, 'a script from /_next/ (<script src="/_next/…">)'],
  [/<link\b(?=[^>]*\brel="(?:preload|modulepreload)")(?=[^>]*\bas="script")[^>]*\bhref="\/_next\/[^"]*"/i, "a preload of a script from /_next/"],
  [/<link\b(?=[^>]*\brel="modulepreload")[^>]*>/i, "a modulepreload link"],
  [/\bid="__NEXT_DATA__"/, "the Pages Router's data (__NEXT_DATA__)"],
  // `?dpl=<id>`: the deploymentId Next appends to asset URLs (next.config.ts).
  [/"\/_next\/static\/[^"]*\.js(?:\?[^"]*)?"/, "a reference to a chunk in /_next/static/ (…js)"],
  [/<template\b[^>]*\bid="B:/i, "a streamed part held in a <template> (React's B: placeholder)"],
  [/<div\b[^>]*\bhidden\b[^>]*\bid="S:/i, "content hidden until a script moves it (React's S: segment)"],
];

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
/** Types a browser runs; anything else (JSON-LD, …) is data. */
const EXECUTABLE = /^(?:|text\/javascript|application\/javascript|module)$/i;

/** Every `<script>` of a page: its attributes, text, and whether a browser would run that text. */
export function scripts(html) {
  const found = [];
  for (const [, attributes, text] of html.matchAll(SCRIPT)) {
    const type = /\btype\s*=\s*["']?([^"'\s>]*)/i.exec(attributes)?.[1] ?? "";
    const src = /\bsrc\s*=/i.test(attributes);
    found.push({ attributes, text, src, executable: EXECUTABLE.test(type.trim()) });
  }
  return found;
}

/**
 * The markers of Next's client runtime in a page, each once, in words (`marker`) with the first
 * place it was found (`excerpt`); empty when there are none.
 */
export function clientRuntimeMarkers(html) {
  const found = new Map();
  const note = (name, text, at) => found.has(name) || found.set(name, text.slice(Math.max(0, at - 10), at + 70));
  for (const [pattern, name] of IN_PAGE) {
    const match = pattern.exec(html);
    if (match) note(name, html, match.index);
  }
  for (const script of scripts(html)) {
    if (script.src || !script.executable) continue; // external ones are judged by IN_PAGE; data runs nothing
    for (const [pattern, name] of IN_SCRIPT) {
      const match = pattern.exec(script.text);
      if (match) note(name, script.text, match.index);
    }
  }
  return [...found].map(([marker, excerpt]) => ({ marker, excerpt }));
}

/** `'sha256-…'` of an inline script's text, as a Content-Security-Policy lists it. */
export function scriptHash(text) {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/**
 * The inline scripts a page's Content-Security-Policy would not run (the first 80 characters of
 * each): those whose hash its script-src does not list (a page without the runtime has no nonce).
 */
export function blockedInlineScripts(html, policy) {
  const scriptSrc = /(?:^|;)\s*script-src\s+([^;]*)/i.exec(policy ?? "")?.[1].split(/\s+/) ?? [];
  return scripts(html)
    .filter((script) => script.executable && !script.src && !scriptSrc.includes(scriptHash(script.text)))
    .map((script) => script.text.slice(0, 80));
}
