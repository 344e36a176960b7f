import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";

export async function generateMetadata() {
  const t = await getTranslations("notFound");
  return { title: t("title"), robots: { index: false, follow: true } };
}

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <div className="mx-auto max-w-2xl py-16 text-center">
      <h1 className="font-serif text-4xl font-bold">{t("title")}</h1>
      <p className="mt-4 font-serif text-lg">{t("text")}</p>
      <p className="mt-8">
        <Link href="/" className="font-bold text-accent underline">
          {t("home")}
        </Link>
      </p>
    </div>
  );
}
