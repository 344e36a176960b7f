/**
 * Until SITE_URL is set, links, feeds and share buttons are built on the address the server listens
 * on (lib/seo/urls.ts, siteUrl), never on a port nothing listens on: server.mjs puts it in this
 * variable of its own process once it knows the port, and says at start that SITE_URL is missing.
 */
export const LISTEN_ORIGIN_ENV = "LISTEN_ORIGIN";

/** Addresses that mean "every interface": a client reaches them as localhost. */
const WILDCARDS = new Set(["", "0.0.0.0", "::", "[::]"]);

/**
 * `http://<host>:<port>` for a server started with `-H hostname -p port` (hostname undefined: every
 * interface). An IPv6 address is bracketed.
 */
export function listenOrigin(hostname, port) {
  const host = hostname === undefined || WILDCARDS.has(hostname) ? "localhost" : hostname;
  return `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`;
}

/** The start-up warning for a production server without SITE_URL, or undefined when it is set. */
export function siteUrlWarning(siteUrl, origin) {
  if (siteUrl) return undefined;
  return `server.mjs: SITE_URL is not set: canonical links, feeds, sitemaps and share buttons use ${origin}, the address this server listens on; set SITE_URL to the site's public address (https://…)`;
}
