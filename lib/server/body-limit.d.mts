import type { IncomingHttpHeaders, IncomingMessage } from "node:http";

export const DEFAULT_BODY_LIMIT: number;
export const BODY_LIMITS: Record<string, number>;
export function bodyLimit(path: string): number;
export function declaredLength(headers: IncomingHttpHeaders): number | undefined;
export function hasBody(headers: IncomingHttpHeaders): boolean;
export function holdBody(req: IncomingMessage, limit: number): Promise<"complete" | "too-large" | "aborted">;
export function closeWithoutReading(socket: import("node:net").Socket, lingerMs?: number): void;
