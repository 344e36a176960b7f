import { headers } from "next/headers";

/** This response's script nonce, which the proxy put into the request's policy header. */
export async function getNonce(): Promise<string | undefined> {
  const policy = (await headers()).get("content-security-policy") ?? "";
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
}
