import type { IncomingMessage, Server, ServerResponse } from "node:http";

export interface GracefulStop {
  track(req: IncomingMessage, res: ServerResponse): void;
  stop(signal: string): void;
  readonly stopping: boolean;
  readonly inFlight: number;
}
export function createGracefulStop(options: {
  server: Pick<Server, "close" | "closeIdleConnections">;
  graceMs: number;
  exit?: (code: number) => void;
  log?: (line: string) => void;
}): GracefulStop;
export function graceFromEnv(raw: string | undefined, fallback?: number): { graceMs: number; problem?: string };
