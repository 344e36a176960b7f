export const LISTEN_ORIGIN_ENV: "LISTEN_ORIGIN";
export function listenOrigin(hostname: string | undefined, port: number): string;
export function siteUrlWarning(siteUrl: string | undefined, origin: string): string | undefined;
