import type { IncomingHttpHeaders } from "node:http";

export function pageTag(html: Buffer): string;
export function encodedTag(tag: string, encoding: string | undefined): string;
export function createPageValidators(options?: { limit?: number; now?: () => number }): {
  lastModified(url: string, tag: string): number;
  readonly size: number;
};
export function notModified(method: string | undefined, headers: IncomingHttpHeaders, validators: { etag: string; lastModified: number }): boolean;
