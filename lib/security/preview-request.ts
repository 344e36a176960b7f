import { cookies } from "next/headers";
import { PREVIEW_COOKIE, previewAllows } from "./preview";

/** Whether this request carries an editor's valid preview of the article `slug` (see ./preview.ts). */
export async function isPreviewOf(slug: string, now = Date.now()): Promise<boolean> {
  return previewAllows((await cookies()).get(PREVIEW_COOKIE)?.value, slug, now);
}
