import { promises as fs } from "node:fs";
import path from "node:path";
import type { ContentProblem } from "./types";

/**
 * A JSON file of the content folder; `optional`: a missing file is no problem (undefined). A
 * module of its own, without the Markdown and image libraries of load.ts, so that the importer
 * reads the same files the same way and still starts in a fraction of a second.
 */
export async function readJson(root: string, name: string, problems: ContentProblem[], optional = false): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(path.join(/* turbopackIgnore: true */ root, name), "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (optional && code === "ENOENT") return undefined;
    problems.push({ file: name, field: "file", message: code === "ENOENT" ? "is missing" : `cannot be read: ${(err as Error).message}` });
    return undefined;
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    problems.push({ file: name, field: "(root)", message: `invalid JSON: ${(err as Error).message}` });
    return undefined;
  }
}
