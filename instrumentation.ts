/**
 * Next calls `register` once when a server process starts. The content index starts loading here,
 * while Next prepares its routes, so that the first reader does not wait for both one after the
 * other. Not during `next build`: no page is prerendered from content, and a build must not read
 * an archive of 100,000 files for nothing.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getStore } = await import("./lib/store");
  // A failure here is not fatal: the first request retries and reports it.
  getStore().catch(() => {});
  // libvips (under sharp: the image optimizer, photo crops, link-preview cards) keeps the results of
  // its last 100 operations, up to 50 MB of decoded pixels, and runs each image on one thread per
  // core. Nothing here repeats an operation (answers are cached as encoded files), so its cache only
  // holds memory; and fewer threads touch fewer malloc arenas. Set for the whole process before the
  // first image: Next's optimizer leaves both alone when they are already at these values.
  const sharp = (await import("sharp")).default;
  sharp.cache(false);
  sharp.concurrency(1);
}
