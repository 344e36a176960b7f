export const API_METHODS: Record<string, string[]>;
export function rawPath(url: string): string | undefined;
export function decodedPath(raw: string): string | undefined;
export function allowedMethods(path: string): string[];
export function refusal(method: string | undefined, url: string | undefined): { status: number; reason: string; allow?: string } | undefined;
