export const MALLOC_ENV: { MALLOC_ARENA_MAX: string; MALLOC_MMAP_THRESHOLD_: string };
export function serverEnv<T extends Record<string, string | undefined>>(env: T): T & typeof MALLOC_ENV;
