import { describe, expect, it } from "vitest";
import { crossSiteRefusal } from "./same-origin";

const post = (headers: Record<string, string>) =>
  new Request("http://127.0.0.1:3000/api/consent", { method: "POST", headers: { host: "127.0.0.1:3000", ...headers } });

describe("crossSiteRefusal", () => {
  it("refuses another site's origin and cross-site fetches with 403", async () => {
    const evil = crossSiteRefusal(post({ origin: "http://evil.example" }), "https://news.example");
    expect(evil?.status).toBe(403);
    expect(await evil?.text()).toMatch(/^Origin: /);
    expect(crossSiteRefusal(post({ "sec-fetch-site": "cross-site" }), undefined)?.status).toBe(403);
    expect(crossSiteRefusal(post({ origin: "null" }), undefined)?.status).toBe(403);
    // Same host name, another port or scheme: another origin.
    expect(crossSiteRefusal(post({ origin: "http://127.0.0.1:4000" }), undefined)?.status).toBe(403);
    expect(crossSiteRefusal(post({ origin: "https://news.example.evil.example" }), "https://news.example")?.status).toBe(403);
  });

  it("lets the site's own pages, and clients that send neither header, through", () => {
    expect(crossSiteRefusal(post({ origin: "https://news.example", "sec-fetch-site": "same-origin" }), "https://news.example")).toBeUndefined();
    expect(crossSiteRefusal(post({ origin: "http://127.0.0.1:3000" }), undefined)).toBeUndefined(); // local run: the Host
    expect(crossSiteRefusal(post({ "sec-fetch-site": "none" }), undefined)).toBeUndefined(); // typed into the address bar
    expect(crossSiteRefusal(post({}), "https://news.example")).toBeUndefined(); // curl, a newsroom's server
  });
});
