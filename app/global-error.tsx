"use client";

import messages from "@/messages/ru.json";

/** Last resort when the layout itself fails: no providers are available, so messages are imported. */
export default function GlobalError() {
  const t = messages.error;
  return (
    <html lang="ru">
      <body style={{ fontFamily: "Georgia, serif", textAlign: "center", padding: "4rem 1rem" }}>
        <meta name="robots" content="noindex" />
        <h1>{t.title}</h1>
        <p>{t.text}</p>
        <p>
          {/* A full page load on purpose: the client router may be what failed. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          <a href="/">{t.home}</a>
        </p>
      </body>
    </html>
  );
}
