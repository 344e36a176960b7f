import { getTranslations } from "next-intl/server";
import type { ConsentChoice } from "@/lib/consent";

/**
 * For readers without JavaScript: the notice as a plain form, and once they agree, Metrika's
 * <noscript> pixel. Browsers with JavaScript ignore all of it.
 */
export async function MetrikaNoscript({ counterId, consent }: { counterId: number; consent?: ConsentChoice }) {
  if (consent === "denied") return null;
  if (consent === "granted") {
    return (
      <noscript>
        <div>
          {/* eslint-disable-next-line @next/next/no-img-element -- Metrika's counting pixel, not content */}
          <img src={`https://mc.yandex.ru/watch/${counterId}`} style={{ position: "absolute", left: "-9999px" }} alt="" />
        </div>
      </noscript>
    );
  }
  const t = await getTranslations("consent");
  return (
    <noscript>
      <form action="/api/consent" method="post" className="border-t-2 border-ink bg-paper px-4 py-3 font-sans text-sm">
        <p className="mx-auto max-w-6xl">
          {t("text")}{" "}
          <button type="submit" name="choice" value="granted" className="font-bold underline">
            {t("accept")}
          </button>{" "}
          <button type="submit" name="choice" value="denied" className="underline">
            {t("decline")}
          </button>
        </p>
      </form>
    </noscript>
  );
}
