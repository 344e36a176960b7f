export const RETRY_AFTER_SECONDS: number;
export class StoreUnavailableError extends Error {
  constructor(cause: unknown);
}
export interface RequestMarks {
  /** The store failed to reach the database for this request. */
  storeUnavailable?: boolean;
  /** The page told the reader so itself (its body is kept, with status 503). */
  shown?: boolean;
}
export function isStoreUnavailable(error: unknown): boolean;
export function isUnreachable(error: unknown): boolean;
export function withRequestMarks<T>(marks: RequestMarks, fn: () => T): T;
export function requestMarks(): RequestMarks | undefined;
export function noteUnreachable(error: unknown, log?: (line: string) => void): void;
export function noteReachable(log?: (line: string) => void): void;
export function markUnavailableShown(): void;
export function outageSince(): number | undefined;
export function countRefused(): void;
export function unavailablePage(words: { title: string; text: string; home: string }): { html: string; policy: string };
