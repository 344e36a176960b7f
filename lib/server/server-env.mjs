/**
 * The environment a production server (server.mjs) is started with: the caller's, plus two glibc
 * malloc settings unless the caller sets its own. Images (sharp: the image optimizer, photo crops,
 * link-preview cards) allocate megabyte-sized pixel buffers on several threads, and glibc kept them:
 * - it gives each thread that allocates its own arena, up to eight per core, each holding what it
 *   freed: MALLOC_ARENA_MAX=2 shares two;
 * - it serves a block of 128 KB or more with its own mmap, given back when freed, but raises that
 *   threshold (up to 32 MB) each time such a block is freed, after which pixel buffers come from
 *   the arenas and stay there as holes: MALLOC_MMAP_THRESHOLD_=131072 fixes it at its default.
 * On the demo content three minutes of mixed crawling left a server at 750 MB resident that never
 * came back (415 MB with the arenas alone; see docs/production.md, "Memory that comes back", for the figures
 * with both). glibc reads the variables once, when the process starts, so they have to be in the
 * environment it is spawned with: `npm run start`, scripts/dev/proxy-stack.ts and the systemd unit in
 * docs/production.md set them, and server.mjs says so when they are missing.
 */
export const MALLOC_ENV = { MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "131072" };

/** `env` with MALLOC_ENV's values for the variables it does not set (its own values are kept). */
export function serverEnv(env) {
  const out = { ...env };
  for (const [name, value] of Object.entries(MALLOC_ENV)) if (!out[name]) out[name] = value;
  return out;
}
