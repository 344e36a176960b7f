import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

export async function notFoundMetadata(): Promise<Metadata> {
  const t = await getTranslations("notFound");
  // Next itself adds <meta name="robots" content="noindex"> to every 404 response.
  return { title: t("title") };
}
