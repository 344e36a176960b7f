import { describe, expect, it } from "vitest";
import { parseRevalidateBody } from "./revalidate-body";
import { bearerToken, tokenMatches } from "./tokens";

describe("tokens", () => {
  it("matches only the exact token", () => {
    expect(tokenMatches("s3cret", "s3cret")).toBe(true);
    expect(tokenMatches("s3cret ", "s3cret")).toBe(false);
    expect(tokenMatches("", "s3cret")).toBe(false);
    expect(tokenMatches(undefined, "s3cret")).toBe(false);
  });

  it("reads bearer tokens", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("bearer abc")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeUndefined();
    expect(bearerToken(null)).toBeUndefined();
  });
});

describe("parseRevalidateBody", () => {
  it("treats an empty body as a full refresh", () => {
    expect(parseRevalidateBody("")).toEqual({ ok: true, paths: [] });
    expect(parseRevalidateBody("{}")).toEqual({ ok: true, paths: [] });
  });

  it("accepts content paths and names the bad parameter", () => {
    expect(parseRevalidateBody('{"paths":["articles/politics/x.md","site.json","media/a.jpg"]}')).toEqual({
      ok: true,
      paths: ["articles/politics/x.md", "site.json", "media/a.jpg"],
    });
    expect(parseRevalidateBody('{"paths":["articles/../../etc/passwd.md"]}')).toEqual({
      ok: false,
      error: "paths[0]: must be site.json, sections.json, articles/….md or media/… inside the content folder",
    });
    expect(parseRevalidateBody('{"paths":"x"}')).toMatchObject({ ok: false, error: expect.stringMatching(/^paths:/) });
    expect(parseRevalidateBody("not json")).toEqual({ ok: false, error: "body: must be JSON" });
  });
});
