import { NO_CONTENT_POLICY, STATIC_SECURITY_HEADERS } from "../security/static-headers.mjs";

const SECURITY = Object.fromEntries([...STATIC_SECURITY_HEADERS.map(({ key, value }) => [key, value]), ["Content-Security-Policy", NO_CONTENT_POLICY]]);

/**
 * An answer server.mjs gives itself, before or instead of Next (400, 405, 413, 503, the 204 to
 * OPTIONS): short plain text, never cached, with the security headers every response carries.
 */
export function answerPlain(res, status, text, headers = {}) {
  const body = text ? { "Content-Type": "text/plain; charset=utf-8", "Content-Length": String(Buffer.byteLength(text)) } : {};
  res.writeHead(status, { ...SECURITY, "Cache-Control": "no-store", ...body, ...headers });
  res.end(text || undefined);
}
