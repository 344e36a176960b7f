/** Yandex.Metrika's tag and beacon host; allowed only when a counter is configured. */
export const METRIKA_HOST = "https://mc.yandex.ru";

export interface PolicyOptions {
  metrika: boolean;
  https: boolean;
  development: boolean;
}

/**
 * The Content-Security-Policy of every page. Scripts run only with this response's nonce (Next
 * stamps it on its own scripts); 'strict-dynamic' lets those load their chunks. Inline styles stay
 * allowed because next/image positions images with style attributes.
 */
export function contentSecurityPolicy(nonce: string, { metrika, https, development }: PolicyOptions): string {
  const script = ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(metrika ? [METRIKA_HOST] : []), ...(development ? ["'unsafe-eval'"] : [])];
  const directives = [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: https:${metrika ? ` ${METRIKA_HOST}` : ""}`,
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

/** A fresh nonce per response: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function siteIsHttps(siteUrl: string | undefined): boolean {
  return (siteUrl ?? "").toLowerCase().startsWith("https://");
}

/** Sent with every response, whatever produced it (next.config.ts, and server.mjs for its own answers). */
export { NO_CONTENT_POLICY, STATIC_SECURITY_HEADERS } from "./static-headers.mjs";

export const HSTS_VALUE = "max-age=31536000; includeSubDomains";
