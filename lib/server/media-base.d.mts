export function parseMediaBaseUrl(value: string | undefined): { base?: string; problem?: string };
export function mediaBaseUrl(env?: Record<string, string | undefined>): string | undefined;
