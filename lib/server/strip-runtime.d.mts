export function stripClientRuntime(html: string): string;
export function stripClientRuntimeBytes(buf: Buffer): Buffer;
export function shouldStrip(statusCode: number, contentType: string | undefined, cookieHeader: string | undefined): boolean;
