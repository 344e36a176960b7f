/**
 * Request bodies are read whole, up to a small limit, before a request goes into the admission gate
 * and to Next. Unbounded, four 100 MB POSTs to /api/consent took a server from 388 to 972 MB, since
 * Next buffers a body it parses. Held here, a body costs at most its limit, and a slow uploader
 * waits outside the gate instead of holding one of the few render slots.
 */

/** Enough for every form and JSON body the routes take (a consent choice, a slug, a token). */
export const DEFAULT_BODY_LIMIT = 8 * 1024;

/**
 * Routes that legitimately take more. /api/revalidate accepts up to 1,000 content paths
 * (lib/api/revalidate-body.ts, MAX_PATHS), each up to about 250 bytes as JSON.
 */
export const BODY_LIMITS = { "/api/revalidate": 256 * 1024 };

/** The limit for a decoded path (a trailing slash is the same route). */
export function bodyLimit(path) {
  const key = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return Object.hasOwn(BODY_LIMITS, key) ? BODY_LIMITS[key] : DEFAULT_BODY_LIMIT;
}

/** The declared Content-Length, or undefined when there is none (Node rejects malformed ones itself). */
export function declaredLength(headers) {
  const value = headers["content-length"];
  return value === undefined ? undefined : Number(value);
}

/** Whether a body follows the headers: a non-zero Content-Length, or chunked transfer coding. */
export function hasBody(headers) {
  return headers["transfer-encoding"] !== undefined || (declaredLength(headers) ?? 0) > 0;
}

/**
 * Waits until the request's body has arrived whole, without consuming it: Next reads it afterwards
 * as if nothing had happened. Resolves "complete", "too-large" (declared over the limit, so nothing
 * is read, or a chunked body that grew past it: what follows is dropped and the socket stops being
 * read) or "aborted" (the client went away first).
 *
 * Node's HTTP parser hands each piece of the body to the request's `push`; holding those pieces
 * until the parser pushes the end, and replaying them then, is the one way to see a body's size
 * before its reader without turning the stream into a copy of itself.
 */
export function holdBody(req, limit) {
  const declared = declaredLength(req.headers);
  if (declared !== undefined && declared > limit) return Promise.resolve("too-large");
  // Already parsed (a small body that came with the headers): it sits in the stream's buffer.
  if (req.complete) return Promise.resolve(req.readableLength > limit ? "too-large" : "complete");

  return new Promise((resolve) => {
    const ownPush = Object.hasOwn(req, "push") ? req.push : undefined;
    const push = req.push;
    const held = [];
    let size = req.readableLength;
    let outcome;

    const settle = (result) => {
      outcome = result;
      req.off("close", onClose);
      resolve(result);
    };
    const restore = () => {
      if (ownPush) req.push = ownPush;
      else delete req.push;
    };
    const onClose = () => {
      restore();
      settle("aborted");
    };
    req.on("close", onClose);

    req.push = function (chunk, encoding) {
      if (outcome === "too-large") return false; // dropped; false makes the parser stop reading the socket
      if (chunk === null) {
        restore();
        for (const piece of held) push.call(req, piece);
        push.call(req, null);
        settle("complete");
        return false;
      }
      size += chunk.length;
      if (size > limit) {
        held.length = 0;
        settle("too-large");
        return false;
      }
      held.push(typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk);
      return true;
    };
  });
}

/**
 * Makes the connection close after the answer without reading any more of the body, yet not at
 * once: closing a socket with unread data resets it, and a client still sending (curl, Node's
 * own client) then lost the 413 it had been sent and reported a broken pipe. The answer goes
 * out, the sending side closes, nothing more is read, and `lingerMs` later the socket goes.
 * Node calls `destroySoon` itself when an answer with `Connection: close` is finished.
 */
export function closeWithoutReading(socket, lingerMs = 1000) {
  socket.destroySoon = () => {
    socket.pause();
    socket.end();
    setTimeout(() => socket.destroy(), lingerMs).unref();
  };
}
