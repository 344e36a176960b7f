import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A partner stand-in for tests and benchmarks: an HTTP server on 127.0.0.1 that answers from a
 * table of paths. Routes can be replaced while it runs (a partner edits its feed), and every
 * request is recorded (what the importer asked for, with which validators).
 */

export type Route =
  | { body: string | Buffer; type?: string; status?: number; headers?: Record<string, string>; etag?: boolean }
  | ((req: http.IncomingMessage, res: http.ServerResponse) => void);

export interface FeedServer {
  origin: string;
  routes: Map<string, Route>;
  requests: { path: string; headers: http.IncomingHttpHeaders }[];
  close: () => Promise<void>;
}

export async function startFeedServer(routes: Record<string, Route> = {}): Promise<FeedServer> {
  const table = new Map(Object.entries(routes));
  const requests: FeedServer["requests"] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    requests.push({ path: url.pathname, headers: req.headers });
    const route = table.get(url.pathname);
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    if (typeof route === "function") return route(req, res);
    const body = typeof route.body === "string" ? Buffer.from(route.body) : route.body;
    const headers: Record<string, string> = { "content-type": route.type ?? "application/rss+xml; charset=utf-8", ...route.headers };
    if (route.etag !== false) {
      const etag = `"${createHash("sha1").update(body).digest("hex").slice(0, 16)}"`;
      headers.etag = etag;
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
    }
    res.writeHead(route.status ?? 200, headers).end(body);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    routes: table,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export interface TestItem {
  guid: string;
  title: string;
  link: string;
  date: string;
  text: string;
  category?: string;
  image?: string;
}

/** An RSS 2.0 feed with Yandex full texts and enclosures. */
export function rssFeed(title: string, items: TestItem[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:yandex="http://news.yandex.ru"><channel><title>${esc(title)}</title><link>http://example.org/</link><description>test</description>
${items
  .map(
    (i) =>
      `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link><guid isPermaLink="false">${esc(i.guid)}</guid><pubDate>${i.date}</pubDate>${i.category ? `<category>${esc(i.category)}</category>` : ""}${i.image ? `<enclosure url="${esc(i.image)}" type="image/jpeg"/>` : ""}<description>${esc(i.text.split("\n\n")[0] ?? "")}</description><yandex:full-text>${esc(i.text)}</yandex:full-text></item>`,
  )
  .join("\n")}
</channel></rss>`;
}
