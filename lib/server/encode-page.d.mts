export function acceptsGzip(header: string | string[] | undefined): boolean;
export function pageEncoding(
  html: Buffer,
  options?: { acceptEncoding?: string | string[] | undefined; cacheControl?: string | number | string[] | undefined },
): "gzip" | undefined;
export function encodePage(
  html: Buffer,
  options?: { acceptEncoding?: string | string[] | undefined; cacheControl?: string | number | string[] | undefined },
): { body: Buffer; headers: Record<string, string> };
