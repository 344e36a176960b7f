import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/seo/urls";

// SITE_URL is read at run time, not frozen at build.
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/api/"] }],
    sitemap: [absoluteUrl("/sitemap.xml"), absoluteUrl("/news-sitemap.xml")],
  };
}
