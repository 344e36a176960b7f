import { getTranslations } from "next-intl/server";
import { Link } from "./Link";
import { typesetDisplay } from "@/lib/content/typography";

/** The body of the 404 page, shared by the not-found boundary and the proxy's 404 route. */
export async function NotFoundMessage() {
  const t = await getTranslations("notFound");
  return (
    <div className="mx-auto max-w-2xl py-16 text-center">
      <h1 className="font-serif text-4xl font-bold">{t("title")}</h1>
      <p className="mt-4 font-serif text-lg">{typesetDisplay(t("text"))}</p>
      <p className="mt-8">
        <Link href="/" className="font-bold text-accent underline">
          {t("home")}
        </Link>
      </p>
    </div>
  );
}
