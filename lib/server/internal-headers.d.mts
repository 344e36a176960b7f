import type { ServerResponse } from "node:http";

export function hideInternalHeaders<T extends ServerResponse>(res: T): T;
