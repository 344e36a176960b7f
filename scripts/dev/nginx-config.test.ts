import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STATIC_SECURITY_HEADERS } from "../../lib/security/headers";
import { CACHE_PATH, renderHttpConf, renderMainConf, renderSiteConf } from "./nginx-config";

const deploy = path.resolve(import.meta.dirname, "../..", "deploy", "nginx");
const httpConf = readFileSync(path.join(deploy, "conf.d", "svezhiy-vypusk.conf"), "utf8");
const siteConf = readFileSync(path.join(deploy, "sites-available", "svezhiy-vypusk.conf"), "utf8");
const snippet = (name: string) => readFileSync(path.join(deploy, "snippets", `svezhiy-vypusk-${name}.conf`), "utf8");
/** The directives of a file, comments dropped. */
const directives = (conf: string) => conf.replace(/#.*$/gm, "");
const site = { port: 8123, appPorts: [4101, 4102, 4103], cacheDir: "/tmp/x/cache" };

describe("rendering the shipped nginx configuration for a local run", () => {
  it("puts one upstream server per instance and the cache in the local folder, and changes nothing else", () => {
    const out = renderHttpConf(httpConf, site);
    expect(out.match(/^\s*server 127\.0\.0\.1:\d+.*;$/gm)).toEqual([4101, 4102, 4103].map((p) => `    server 127.0.0.1:${p} max_fails=5 fail_timeout=5s;`));
    expect(out).toContain("proxy_cache_path /tmp/x/cache levels=");
    expect(out).not.toContain(CACHE_PATH);
    expect(out).toContain("keepalive 32;");
    const strip = (s: string) => s.replace(/^\s*server 127\.0\.0\.1:\d+.*;\n/gm, "").replace(/proxy_cache_path \S+/, "");
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

describe("what the shipped nginx configuration protects readers from", () => {
  const http = directives(renderHttpConf(httpConf, site));
  const server = directives(renderSiteConf(siteConf, site));

  it("refuses an over-long URL itself with 414, before it reaches the app", () => {
    expect(server).toMatch(/large_client_header_buffers 4 8k;/);
    const cap = /map \$request_uri \$svezhiy_vypusk_uri_too_long \{[^}]*"~\^\.\{(\d+)\}" 1;/.exec(http);
    expect(cap, "the URI length map").not.toBeNull();
    expect(Number(cap![1])).toBe(4097);
    // Checked wherever a request is handed to the app: every location but nginx's own pages.
    const proxy = directives(snippet("proxy"));
    expect(proxy).toMatch(/if \(\$svezhiy_vypusk_uri_too_long\) \{\s*return 414;\s*\}/);
    // A location that hands requests to the app without the snippet (/healthz) checks it itself.
    const direct = server.match(/proxy_pass /g)?.length ?? 0;
    expect(server.match(/if \(\$svezhiy_vypusk_uri_too_long\) \{\s*return 414;\s*\}/g)?.length ?? 0).toBe(direct);
    expect(server).toMatch(/error_page 414 \/\.svezhiy-vypusk\/414;/);
    // The cache key (the URI) and the app's headers fit the first proxy buffer with room to spare.
    expect(Number(/proxy_buffer_size (\d+)k;/.exec(proxy)?.[1])).toBeGreaterThanOrEqual(16);
  });

  it("passes /healthz on uncached, without counting its 503 against the instance", () => {
    // Up to the location's closing brace, at the indentation it opened with.
    const healthz = /\n( *)location = \/healthz \{([\s\S]*?)\n\1\}/.exec(siteConf)?.[2];
    expect(healthz, "location = /healthz").toBeDefined();
    expect(healthz).toMatch(/proxy_next_upstream error timeout;/);
    expect(healthz).not.toMatch(/http_503|proxy_cache|include snippets\/svezhiy-vypusk-(proxy|cache)\.conf/);
  });

  it("does not count a page's 503 against the instance: every instance answers it while the database is away", () => {
    const next = /proxy_next_upstream ([^;]*);/.exec(directives(snippet("proxy")))?.[1];
    expect(next?.split(/\s+/)).toEqual(["error", "timeout", "http_502"]);
    // nginx's own copy still stands in for a 503.
    expect(directives(snippet("cache"))).toMatch(/proxy_cache_use_stale [^;]*\bhttp_503\b/);
  });

  it("does not take an instance away from every reader for one bad answer", () => {
    for (const line of http.match(/^\s*server 127\.0\.0\.1:.*$/gm)!) {
      expect(Number(/max_fails=(\d+)/.exec(line)?.[1] ?? 1), line).toBeGreaterThan(1);
    }
  });

  it("limits token guesses on /api/draft and /api/revalidate per client address, with 429", () => {
    const zone = /limit_req_zone \$binary_remote_addr zone=(\w+):\w+ rate=(\d+)r\/s;/.exec(http);
    expect(zone, "limit_req_zone").not.toBeNull();
    expect(Number(zone![2])).toBeLessThanOrEqual(10);
    const location = /location ~ \^\/api\/\(draft\|revalidate\)\(\/\|\$\) \{([^}]*)\}/.exec(server);
    expect(location, "the token location").not.toBeNull();
    const body = location![1]!;
    expect(body).toContain(`limit_req zone=${zone![1]} burst=`);
    expect(Number(/burst=(\d+)/.exec(body)![1])).toBeLessThanOrEqual(20);
    expect(body).toMatch(/limit_req_status 429;/);
    expect(body).toContain("include snippets/svezhiy-vypusk-proxy.conf;");
    // …inside /api/, whose prefix match (^~) would otherwise keep a regex location from matching.
    expect(server.indexOf("location ^~ /api/ {")).toBeLessThan(location!.index);
    expect(server).toMatch(/error_page 429 \/\.svezhiy-vypusk\/429;/);
  });

  it("answers its own refusals with the headers the app sends with everything, uncached", () => {
    const refusal = directives(snippet("refusal"));
    for (const { key, value } of STATIC_SECURITY_HEADERS) expect(refusal, key).toContain(`add_header ${key} "${value}" always;`);
    expect(refusal).toContain(`add_header Content-Security-Policy "default-src 'none'; frame-ancestors 'self'" always;`);
    expect(refusal).toContain(`add_header Cache-Control "no-store" always;`);
    for (const status of [414, 429]) {
      const location = new RegExp(`location = /\\.svezhiy-vypusk/${status} \\{([^}]*)\\}`).exec(server);
      expect(location?.[1], String(status)).toMatch(/\binternal;/);
      expect(location?.[1], String(status)).toContain("include snippets/svezhiy-vypusk-refusal.conf;");
      expect(location?.[1], String(status)).toMatch(new RegExp(`return ${status} "[^"]+";`));
    }
  });
});

describe("which location serves the pages and feeds", () => {
  /** Prefix locations (`location /x`, `location ^~ /x`, `location = /x`) and regex ones, in order. */
  const locations = [...directives(siteConf).matchAll(/location\s+(\^~|=|~\*?)?\s*(\S+)\s*\{/g)].map((m) => ({ kind: m[1] ?? "", path: m[2]! }));
  const matching = (uri: string) =>
    locations
      .filter(({ kind, path }) => (kind === "=" ? uri === path : kind.startsWith("~") ? new RegExp(path).test(uri) : uri.startsWith(path)))
      .map((l) => l.path);

  it("sends partner pages and their feeds, like sections', to the app through the micro-cache", () => {
    for (const uri of ["/source/vestnik-polesya", "/source/vestnik-polesya/rss.xml", "/section/sport/rss.xml"]) {
      // No allow-list of routes: only the catch-all location matches them.
      expect(matching(uri), uri).toEqual(["/"]);
    }
    const root = /location \/ \{([^}]*)\}/.exec(directives(siteConf));
    expect(root?.[1]).toContain("include snippets/svezhiy-vypusk-proxy.conf;");
    expect(root?.[1]).toContain("include snippets/svezhiy-vypusk-cache.conf;");
    // Feeds are compressed like pages.
    expect(snippet("delivery")).toContain("application/rss+xml");
  });
});
