/**
 * Source for an eval'd worker thread that registers tsx, then loads the TypeScript worker `entry`
 * beside the module `base` (its import.meta.url). Under tsx (scripts, tests) a pool's module is
 * TypeScript and so is its worker, and loader hooks do not reach worker threads on Node 20; in
 * Next's build each pool names its worker with `new URL("./….ts", import.meta.url)` instead, which
 * the bundler turns into the worker's own chunk.
 */
export function tsxWorkerSource(base: string, entry: string): string {
  const url = base.replace(/[^/]*$/, entry);
  return `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`;
}
