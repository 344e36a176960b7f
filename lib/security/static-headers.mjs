/**
 * The headers every response carries, whatever produced it: Next adds them through next.config.ts,
 * and server.mjs adds them to the answers it gives before Next sees a request (400, 405, 413, 503).
 * Plain JavaScript so that server.mjs, which Node runs without a build step, can import it.
 */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
  { key: "X-Frame-Options", value: "SAMEORIGIN" },
];

/** The policy of every answer that is not a page (API, media, the server's own refusals): nothing runs. */
export const NO_CONTENT_POLICY = "default-src 'none'; frame-ancestors 'self'";
