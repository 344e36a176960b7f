import messages from "@/messages/ru.json";
import { NO_CONTENT_POLICY } from "@/lib/security/headers";

/** The form's policy: nothing may load or run; its own inline styles may apply. */
export const DRAFT_FORM_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/** The policy of the route's plain-text answers. */
export const DRAFT_TEXT_POLICY = NO_CONTENT_POLICY;

/**
 * The page `GET /api/draft?slug=…` answers: a form that posts the preview token in its body, so the
 * token never sits in a URL (access logs, browser history, Referer). Plain HTML, no script.
 */
export function draftForm(slug: string): string {
  // The slug has been checked against SLUG_PATTERN (Latin letters, digits, hyphens): nothing to escape.
  const t = messages.draft;
  const title = t.formTitle.replace("{slug}", slug);
  return `<!doctype html>
<html lang="ru">
<head><meta charset="utf-8"><meta name="robots" content="noindex"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 30rem; margin: 4rem auto; padding: 0 1rem; color: #16171a; background: #fdfcf9 }
h1 { font-size: 1.4rem; line-height: 1.3 }
label { display: block; margin-bottom: .4rem; font-weight: 600 }
input { box-sizing: border-box; width: 100%; font: inherit; padding: .6rem .7rem; border: 1px solid #5b5f66; border-radius: 4px }
button { font: inherit; font-weight: 600; margin-top: 1rem; padding: .6rem 1.2rem; border: 0; border-radius: 4px; color: #fff; background: #16171a; cursor: pointer }
@media (prefers-color-scheme: dark) { body { color: #ecebe6; background: #151618 } input { background: #1f2023; color: inherit } button { color: #151618; background: #ecebe6 } }
</style></head>
<body>
<h1>${title}</h1>
<form method="post" action="/api/draft">
<input type="hidden" name="slug" value="${slug}">
<label for="token">${t.formToken}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">${t.formSubmit}</button>
</form>
</body>
</html>
`;
}
