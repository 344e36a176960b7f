/** Yandex.Metrika's tag and beacon host; allowed only when a counter is configured. */
export const METRIKA_HOST = "https://mc.yandex.ru";

export interface PolicyOptions {
  /** `'sha256-…'` sources of the site's own inline scripts (lib/security/inline-scripts.ts). */
  hashes: string[];
  /**
   * Only for a page that keeps Next's client runtime (an error page, development): its scripts
   * carry this nonce. Pages served without the runtime have none, so they are the same bytes,
   * headers included, for every reader.
   */
  nonce?: string;
  metrika: boolean;
  https: boolean;
  development: boolean;
  /** MEDIA_BASE_URL (lib/server/media-base.mjs): an http:// one must be named, https: covers the rest. */
  media?: string;
}

/**
 * The Content-Security-Policy of every page. Scripts run only when their text has one of the
 * listed hashes (or, on a page with Next's runtime, the response's nonce); 'strict-dynamic' lets
 * those load further scripts (Metrika's tag, Next's chunks) and makes browsers ignore 'self' and
 * hosts, which stay for browsers without CSP 3. Inline styles stay allowed because next/image
 * positions images with style attributes.
 */
export function contentSecurityPolicy({ hashes, nonce, metrika, https, development, media }: PolicyOptions): string {
  const script = [
    "'self'",
    ...(nonce ? [`'nonce-${nonce}'`] : []),
    ...hashes,
    "'strict-dynamic'",
    ...(metrika ? [METRIKA_HOST] : []),
    ...(development ? ["'unsafe-eval'"] : []),
  ];
  const directives = [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: https:${metrika ? ` ${METRIKA_HOST}` : ""}${media?.startsWith("http:") ? ` ${new URL(media).origin}` : ""}`,
    "font-src 'self'",
    `connect-src 'self'${metrika ? ` ${METRIKA_HOST}` : ""}${development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** A fresh nonce per response that keeps Next's runtime: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function siteIsHttps(siteUrl: string | undefined): boolean {
  return (siteUrl ?? "").toLowerCase().startsWith("https://");
}

/** Sent with every response, whatever produced it (next.config.ts, and server.mjs for its own answers). */
export { NO_CONTENT_POLICY, STATIC_SECURITY_HEADERS } from "./static-headers.mjs";

/**
 * The proxy's Content-Security-Policy header carries this response's nonce, since Next copies the
 * proxy's response headers into the request it renders and takes the nonce for its own scripts
 * from there. The policy without a nonce, for pages served without Next's runtime, travels in this
 * private header; server.mjs puts it in place on those and drops it from every answer
 * (lib/server/strip-runtime.mjs, settlePolicy).
 */
export const PAGE_POLICY_HEADER = "x-page-csp";

export const HSTS_VALUE = "max-age=31536000; includeSubDomains";
