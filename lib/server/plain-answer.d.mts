import type { ServerResponse } from "node:http";

export function answerPlain(res: ServerResponse, status: number, text: string, headers?: Record<string, string>): void;
export function setSecurityHeaders(res: ServerResponse): void;
