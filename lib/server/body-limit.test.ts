import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { bodyLimit, closeWithoutReading, DEFAULT_BODY_LIMIT, hasBody, holdBody } from "./body-limit.mjs";

/** A request as Node's parser leaves it after the headers; the test plays the parser, calling `push`. */
function request(headers: Record<string, string>) {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  return req;
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

describe("bodyLimit", () => {
  it("is a few KB, more only for the revalidate endpoint's list of paths", () => {
    expect(DEFAULT_BODY_LIMIT).toBeLessThanOrEqual(16 * 1024);
    expect(bodyLimit("/api/consent")).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimit("/news/x")).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimit("/api/revalidate")).toBeGreaterThan(DEFAULT_BODY_LIMIT);
    expect(bodyLimit("/api/revalidate/")).toBe(bodyLimit("/api/revalidate"));
  });
});

describe("hasBody", () => {
  it("is a non-zero Content-Length or chunked coding", () => {
    expect(hasBody({})).toBe(false);
    expect(hasBody({ "content-length": "0" })).toBe(false);
    expect(hasBody({ "content-length": "12" })).toBe(true);
    expect(hasBody({ "transfer-encoding": "chunked" })).toBe(true);
  });
});

describe("holdBody", () => {
  it("refuses a declared length over the limit before anything is read", async () => {
    const req = request({ "content-length": String(100 * 1024 * 1024) });
    const push = vi.spyOn(req, "push");
    expect(await holdBody(req, 1024)).toBe("too-large");
    expect(push).not.toHaveBeenCalled();
  });

  it("holds a body until its end, then hands it on whole and in order", async () => {
    const req = request({ "transfer-encoding": "chunked" });
    req.push(Buffer.from("a=1")); // arrived with the headers
    let outcome: string | undefined;
    const held = holdBody(req, 64).then((o) => (outcome = o));
    expect(req.push(Buffer.from("&b=2"))).toBe(true);
    expect(req.push(Buffer.from("&c=3"))).toBe(true);
    await Promise.resolve();
    expect(outcome).toBeUndefined();
    expect(req.readableLength).toBe(3); // the rest is held, not in the stream
    req.push(null);
    expect(await held).toBe("complete");
    expect(Object.hasOwn(req, "push")).toBe(false); // the stream's own push again
    expect(await readAll(req)).toBe("a=1&b=2&c=3");
  });

  it("refuses a chunked body that grows past the limit and drops the rest", async () => {
    const req = request({ "transfer-encoding": "chunked" });
    const held = holdBody(req, 10);
    expect(req.push(Buffer.alloc(8))).toBe(true);
    expect(req.push(Buffer.alloc(8))).toBe(false); // false: the parser stops reading the socket
    expect(await held).toBe("too-large");
    for (let i = 0; i < 100; i++) expect(req.push(Buffer.alloc(64 * 1024))).toBe(false);
    expect(req.readableLength).toBe(0);
  });

  it("takes a body that came whole with the headers as it is", async () => {
    const small = request({ "content-length": "3" });
    small.push(Buffer.from("a=1"));
    small.push(null);
    small.complete = true;
    expect(await holdBody(small, 64)).toBe("complete");
    expect(await readAll(small)).toBe("a=1");
  });

  it("says aborted when the client goes away first", async () => {
    const req = request({ "transfer-encoding": "chunked" });
    const held = holdBody(req, 64);
    req.push(Buffer.from("a"));
    req.destroy();
    expect(await held).toBe("aborted");
  });
});

describe("closeWithoutReading", () => {
  it("ends the socket, stops reading it, and destroys it a little later", () => {
    vi.useFakeTimers();
    try {
      const socket = new Socket();
      const end = vi.spyOn(socket, "end").mockReturnThis();
      const pause = vi.spyOn(socket, "pause");
      const destroy = vi.spyOn(socket, "destroy").mockReturnThis();
      closeWithoutReading(socket, 500);
      socket.destroySoon();
      expect(end).toHaveBeenCalled();
      expect(pause).toHaveBeenCalled();
      expect(destroy).not.toHaveBeenCalled();
      vi.advanceTimersByTime(500);
      expect(destroy).toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
