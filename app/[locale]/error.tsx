"use client";

import NextLink from "next/link";
import { useTranslations } from "next-intl";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("error");
  return (
    <div className="mx-auto max-w-2xl py-16 text-center">
      <meta name="robots" content="noindex" />
      <h1 className="font-serif text-4xl font-bold">{t("title")}</h1>
      <p className="mt-4 font-serif text-lg">{t("text")}</p>
      <p className="mt-8 flex justify-center gap-6 font-sans">
        <button type="button" onClick={reset} className="font-bold text-accent underline">
          {t("retry")}
        </button>
        <NextLink href="/" className="font-bold text-accent underline">
          {t("home")}
        </NextLink>
      </p>
    </div>
  );
}
