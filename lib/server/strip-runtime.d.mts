export interface StripOptions {
  /** The bytes of a build stylesheet to inline in place of its <link>, or undefined to keep the link. */
  stylesheet?: (href: string) => Buffer | undefined;
}
export function stripClientRuntimeBytes(buf: Buffer, options?: StripOptions): Buffer;
export function shouldStrip(statusCode: number, contentType: string | undefined): boolean;
export function settlePolicy(res: import("node:http").ServerResponse, stripped: boolean): void;
