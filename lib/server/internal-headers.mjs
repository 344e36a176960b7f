/**
 * Next's internal response headers stay between Next and this server. `x-middleware-rewrite` names
 * the route proxy.ts rewrote a page to, query string included: a reader's 7.6 KB URL came back as a
 * 7.6 KB header, which with nginx's cache key overflowed its buffer (502) and had the instance
 * marked failed for every reader. Nothing outside needs any `x-middleware-*` header.
 */
const INTERNAL = /^x-middleware-/i;

/** Drops the internal headers at the moment the response's headers are sent, however they were set. */
export function hideInternalHeaders(res) {
  const writeHead = res.writeHead.bind(res);
  // Node sends implicit headers (first write, end, flushHeaders) through res.writeHead too.
  res.writeHead = (statusCode, ...rest) => {
    for (const name of res.getHeaderNames()) if (INTERNAL.test(name)) res.removeHeader(name);
    const last = rest.length - 1;
    const headers = rest[last];
    if (Array.isArray(headers)) {
      // [name, value, name, value, …] or [[name, value], …]
      const flat = headers.length > 0 && Array.isArray(headers[0]);
      rest[last] = flat ? headers.filter(([name]) => !INTERNAL.test(name)) : headers.filter((_, i, all) => !INTERNAL.test(String(all[i - (i % 2)])));
    } else if (headers && typeof headers === "object") {
      rest[last] = Object.fromEntries(Object.entries(headers).filter(([name]) => !INTERNAL.test(name)));
    }
    return writeHead(statusCode, ...rest);
  };
  return res;
}
