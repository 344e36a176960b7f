import { serializeJsonLd } from "@/lib/seo/json-ld";

/** Structured data for crawlers; a data block, so the page's script policy does not apply. */
export function JsonLd({ data }: { data: object }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
