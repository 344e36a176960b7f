import type { IncomingMessage, ServerResponse } from "node:http";

/** The `compression` middleware's options (threshold, zlib's level, …); the defaults are what the server uses. */
export function createCompression(options?: Record<string, unknown>): (req: IncomingMessage, res: ServerResponse) => void;
export function withoutBrotli(req: IncomingMessage): IncomingMessage;
