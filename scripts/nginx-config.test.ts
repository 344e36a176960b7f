import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CACHE_PATH, renderHttpConf, renderMainConf, renderSiteConf } from "./nginx-config";

const deploy = path.resolve(import.meta.dirname, "..", "deploy", "nginx");
const httpConf = readFileSync(path.join(deploy, "conf.d", "svezhiy-vypusk.conf"), "utf8");
const siteConf = readFileSync(path.join(deploy, "sites-available", "svezhiy-vypusk.conf"), "utf8");
const site = { port: 8123, appPorts: [4101, 4102, 4103], cacheDir: "/tmp/x/cache" };

describe("rendering the shipped nginx configuration for a local run", () => {
  it("puts one upstream server per instance and the cache in the local folder, and changes nothing else", () => {
    const out = renderHttpConf(httpConf, site);
    expect(out.match(/^\s*server 127\.0\.0\.1:\d+;$/gm)).toEqual(["    server 127.0.0.1:4101;", "    server 127.0.0.1:4102;", "    server 127.0.0.1:4103;"]);
    expect(out).toContain("proxy_cache_path /tmp/x/cache levels=");
    expect(out).not.toContain(CACHE_PATH);
    expect(out).toContain("keepalive 32;");
    const strip = (s: string) => s.replace(/^\s*server 127\.0\.0\.1:\d+;\n/gm, "").replace(/proxy_cache_path \S+/, "");
    expect(strip(out)).toBe(strip(httpConf));
  });

  it("listens on 127.0.0.1 only", () => {
    const out = renderSiteConf(siteConf, site);
    expect(out.match(/^\s*listen .*$/gm)).toEqual(["    listen 127.0.0.1:8123;"]);
    expect(out).toContain("location ^~ /_next/static/");
  });

  it("refuses a template without what it substitutes", () => {
    expect(() => renderHttpConf(httpConf.replaceAll(CACHE_PATH, "/elsewhere"), site)).toThrow(/cache path/);
    expect(() => renderHttpConf(httpConf.replace(/upstream svezhiy_vypusk/, "upstream other"), site)).toThrow(/upstream/);
    expect(() => renderHttpConf(httpConf, { ...site, appPorts: [] })).toThrow(/instance/);
    expect(() => renderSiteConf("server { }\n", site)).toThrow(/listen/);
  });

  it("keeps every path of the main configuration inside the prefix", () => {
    const out = renderMainConf({ prefix: "/tmp/p", mimeTypes: "/etc/nginx/mime.types", user: { name: "www-data", group: "www-data" } });
    expect(out).toContain("user www-data www-data;");
    expect(out).toContain("daemon off;");
    for (const line of out.split("\n").filter((l) => /_path |^pid |^error_log |access_log /.test(l.trim()))) expect(line).toContain("/tmp/p/");
    expect(renderMainConf({ prefix: "/tmp/p", mimeTypes: "m" })).not.toMatch(/^user /m);
  });
});
