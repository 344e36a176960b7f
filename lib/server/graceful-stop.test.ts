import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createGracefulStop, graceFromEnv } from "./graceful-stop.mjs";

function fakeServer() {
  let onClosed: (() => void) | undefined;
  return {
    close: vi.fn((cb: () => void) => void (onClosed = cb)),
    closeIdleConnections: vi.fn(),
    /** What Node does once the last connection has gone. */
    lastConnectionGone: () => onClosed?.(),
  };
}

function fakeResponse(headersSent = false) {
  const res = Object.assign(new EventEmitter(), { headersSent, headers: {} as Record<string, string> });
  return Object.assign(res, { setHeader: (name: string, value: string) => void (res.headers[name] = value) });
}

function setup(graceMs = 10_000) {
  const server = fakeServer();
  const exit = vi.fn();
  const log = vi.fn();
  const stopper = createGracefulStop({ server: server as never, graceMs, exit, log });
  const track = (res: ReturnType<typeof fakeResponse>) => stopper.track({} as IncomingMessage, res as unknown as ServerResponse);
  return { server, exit, log, stopper, track };
}

describe("createGracefulStop", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("stops accepting, closes idle connections, and exits 0 once every connection has gone", () => {
    const { server, exit, stopper, track } = setup();
    const running = fakeResponse();
    track(running);
    stopper.stop("SIGTERM");
    expect(server.close).toHaveBeenCalledOnce();
    expect(server.closeIdleConnections).toHaveBeenCalled();
    expect(stopper.inFlight).toBe(1);
    expect(exit).not.toHaveBeenCalled();
    running.emit("close");
    expect(stopper.inFlight).toBe(0);
    server.lastConnectionGone();
    expect(exit).toHaveBeenCalledWith(0);
  });

  it("answers what it still serves with Connection: close", () => {
    const { stopper, track } = setup();
    const waiting = fakeResponse();
    const streaming = fakeResponse(true); // its headers are out already
    track(waiting);
    track(streaming);
    stopper.stop("SIGTERM");
    const later = fakeResponse(); // a request that arrived on a kept-alive connection meanwhile
    track(later);
    expect(waiting.headers["Connection"]).toBe("close");
    expect(later.headers["Connection"]).toBe("close");
    expect(streaming.headers["Connection"]).toBeUndefined();
  });

  it("closes a connection that went idle during the drain", async () => {
    const { server, stopper, track } = setup();
    const streaming = fakeResponse(true);
    track(streaming);
    stopper.stop("SIGTERM");
    server.closeIdleConnections.mockClear();
    streaming.emit("close");
    await vi.runOnlyPendingTimersAsync();
    expect(server.closeIdleConnections).toHaveBeenCalled();
  });

  it("exits when the grace period is over, naming what was cut", () => {
    const { exit, log, stopper, track } = setup(2_000);
    track(fakeResponse());
    stopper.stop("SIGTERM");
    vi.advanceTimersByTime(1_999);
    expect(exit).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(0);
    expect(log).toHaveBeenLastCalledWith(expect.stringContaining("1 request(s) still unfinished after 2000 ms"));
  });

  it("exits at once on a second signal", () => {
    const { exit, stopper, track } = setup();
    track(fakeResponse());
    stopper.stop("SIGTERM");
    stopper.stop("SIGINT");
    expect(exit).toHaveBeenCalledWith(1);
  });
});

describe("graceFromEnv", () => {
  it("defaults to 10 s and names a bad value", () => {
    expect(graceFromEnv(undefined)).toEqual({ graceMs: 10_000 });
    expect(graceFromEnv("2500")).toEqual({ graceMs: 2_500 });
    expect(graceFromEnv("10s")).toEqual({ graceMs: 10_000, problem: expect.stringContaining("SHUTDOWN_GRACE_MS=10s") });
  });
});
