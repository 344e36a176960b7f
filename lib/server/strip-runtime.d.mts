export function stripClientRuntime(html: string): string;
export function shouldStrip(statusCode: number, contentType: string | undefined, cookieHeader: string | undefined): boolean;
