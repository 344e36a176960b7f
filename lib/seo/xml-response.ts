import { SHARED_CACHE_CONTROL } from "@/lib/cache-control";

/** XML for crawlers and feed readers; shared caches keep it as briefly as pages (it lists new articles). */
export function xmlResponse(body: string, contentType = "application/xml"): Response {
  return new Response(body, {
    headers: {
      "Content-Type": `${contentType}; charset=utf-8`,
      "Cache-Control": SHARED_CACHE_CONTROL,
    },
  });
}

export function notFoundText(): Response {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
