import { NO_CONTENT_POLICY, STATIC_SECURITY_HEADERS } from "../security/static-headers.mjs";

const STATIC = STATIC_SECURITY_HEADERS.map(({ key, value }) => [key, value]);
const SECURITY = Object.fromEntries([...STATIC, ["Content-Security-Policy", NO_CONTENT_POLICY]]);

/**
 * Sets the static security headers on a response Next is about to produce. Next adds them through
 * next.config.ts to what its routes answer, but not to its own redirects (`/news/` → `/news`,
 * `/media//x`), which went out without any. Next's own values replace these where it sets them.
 */
export function setSecurityHeaders(res) {
  for (const [key, value] of STATIC) res.setHeader(key, value);
}

/**
 * An answer server.mjs gives itself, before or instead of Next (400, 405, 413, 503, the 204 to
 * OPTIONS): short plain text, never cached, with the security headers every response carries.
 */
export function answerPlain(res, status, text, headers = {}) {
  const body = text ? { "Content-Type": "text/plain; charset=utf-8", "Content-Length": String(Buffer.byteLength(text)) } : {};
  res.writeHead(status, { ...SECURITY, "Cache-Control": "no-store", ...body, ...headers });
  res.end(text || undefined);
}
