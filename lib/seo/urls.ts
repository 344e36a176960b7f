/** The public origin of the site, from SITE_URL; every canonical and feed URL is built on it. */
export function siteUrl(): string {
  const raw = process.env.SITE_URL || "http://localhost:3000";
  try {
    const u = new URL(raw);
    return u.origin + u.pathname.replace(/\/+$/, "");
  } catch {
    return "http://localhost:3000";
  }
}

export function absoluteUrl(path: string, base: string = siteUrl()): string {
  return `${base}${path.startsWith("/") ? path : `/${path}`}`;
}

export const articlePath = (slug: string) => `/news/${slug}`;
export const sectionPath = (slug: string) => `/section/${slug}`;
