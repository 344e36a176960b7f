import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { NO_CONTENT_POLICY, STATIC_SECURITY_HEADERS } from "../security/static-headers.mjs";
import { answerPlain, setSecurityHeaders } from "./plain-answer.mjs";

function capture() {
  const sent: { status?: number; headers?: Record<string, string>; body?: unknown } = {};
  const res = {
    writeHead: (status: number, headers: Record<string, string>) => Object.assign(sent, { status, headers }),
    end: (body?: unknown) => void (sent.body = body),
  };
  return { res: res as unknown as ServerResponse, sent };
}

describe("answerPlain", () => {
  it("sends short plain text, uncached, with every security header", () => {
    const { res, sent } = capture();
    answerPlain(res, 405, "Method Not Allowed\n", { Allow: "GET, HEAD" });
    expect(sent.status).toBe(405);
    for (const { key, value } of STATIC_SECURITY_HEADERS) expect(sent.headers?.[key]).toBe(value);
    expect(sent.headers).toMatchObject({
      "Content-Security-Policy": NO_CONTENT_POLICY,
      "Cache-Control": "no-store",
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Length": "19",
      Allow: "GET, HEAD",
    });
    expect(sent.body).toBe("Method Not Allowed\n");
  });

  it("sends no body and no type for a 204", () => {
    const { res, sent } = capture();
    answerPlain(res, 204, "", { Allow: "POST" });
    expect(sent.headers?.["Content-Type"]).toBeUndefined();
    expect(sent.body).toBeUndefined();
  });
});

describe("setSecurityHeaders", () => {
  it("sets the static list on a response Next will finish", () => {
    const set: Record<string, string> = {};
    setSecurityHeaders({ setHeader: (key: string, value: string) => void (set[key] = value) } as unknown as ServerResponse);
    expect(set).toEqual(Object.fromEntries(STATIC_SECURITY_HEADERS.map(({ key, value }) => [key, value])));
  });
});
