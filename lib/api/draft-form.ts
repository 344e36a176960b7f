/**
 * The page `GET /api/draft?slug=…` answers: a form that posts the preview token in its body, so the
 * token never sits in a URL (access logs, browser history, Referer). Plain HTML, no script.
 */
export function draftForm(slug: string): string {
  // The slug has been checked against SLUG_PATTERN (Latin letters, digits, hyphens): nothing to escape.
  return `<!doctype html>
<html lang="ru">
<head><meta charset="utf-8"><meta name="robots" content="noindex"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Предпросмотр: ${slug}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 30rem; margin: 4rem auto; padding: 0 1rem">
<h1 style="font-size: 1.4rem">Предпросмотр новости ${slug}</h1>
<form method="post" action="/api/draft">
<input type="hidden" name="slug" value="${slug}">
<p><label for="token">Токен предпросмотра</label><br>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus style="width: 100%"></p>
<p><button type="submit">Открыть предпросмотр</button></p>
</form>
</body>
</html>
`;
}
