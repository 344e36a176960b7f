export interface PageScript {
  attributes: string;
  text: string;
  /** It loads its code from a URL. */
  src: boolean;
  /** A browser would run it (no type, or a JavaScript one); JSON-LD and other data are not. */
  executable: boolean;
}
export function scripts(html: string): PageScript[];
export function clientRuntimeMarkers(html: string): { marker: string; excerpt: string }[];
export function scriptHash(text: string): string;
export function blockedInlineScripts(html: string, policy: string | null | undefined): string[];
