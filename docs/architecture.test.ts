import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The docs name files and link to each other; a rename or a moved section would leave them wrong
// without anyone noticing. These checks are cheap, so the docs can stay true.
const root = path.resolve(import.meta.dirname, "..");
const read = (rel: string) => readFileSync(path.join(root, rel), "utf8");
const architecture = read("docs/architecture.md");

/** The rows of the table under a `## ` heading, as arrays of cells. */
function tableRows(markdown: string, heading: string): string[][] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith(`${heading}\n`));
  if (!section) throw new Error(`no "## ${heading}" section`);
  return section
    .split("\n")
    .filter((line) => line.startsWith("|") && !/^\|\s*-/.test(line))
    .slice(1)
    .map((line) =>
      line
        .slice(1, -1)
        .split(" | ")
        .map((cell) => cell.trim()),
    );
}

/** Backticked words that look like a path inside the project (not `@orama/stemmers` or `site.json`). */
function pathsIn(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)]
    .map((m) => m[1]!)
    .filter((p) => !p.startsWith("@") && (p.includes("/") || /\.(ts|tsx|mjs|json)$/.test(p)) && !/^[a-z]+\.json$/.test(p));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

describe("docs/architecture.md", () => {
  const rows = tableRows(architecture, "Where things live");

  it("maps at least the behaviours the code-health issue asked for", () => {
    const behaviours = rows.map((r) => r[0]!).join("\n");
    for (const word of [
      "Другие новости",
      "plurals",
      "Minsk",
      "sitemaps",
      "stemming",
      "half-saved",
      "Content-Security-Policy",
      "ТОП-новости",
      "section RSS",
      "theme toggle",
    ])
      expect(behaviours).toContain(word);
  });

  it.each(rows.map((r) => [r[0]!, r[1]!]))("%s: every file it names exists", (_, files) => {
    const paths = pathsIn(files);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((p) => !existsSync(path.join(root, p)))).toEqual([]);
  });

  it("names only existing files in the data flow", () => {
    const flow = architecture.split("## The data flow")[1]!.split("\n## ")[0]!;
    const paths = pathsIn(flow).filter((p) => !p.startsWith(".next/"));
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => !existsSync(path.join(root, p)))).toEqual([]);
  });

  it("names only existing files in the code map", () => {
    const map = architecture.split("## The code map")[1]!.split("```")[1]!;
    let folder = "";
    const missing: string[] = [];
    for (const line of map.split("\n")) {
      const name = /^(\s*)(\S+)/.exec(line);
      if (!name) continue;
      const rel = name[1] ? folder + name[2] : name[2]!;
      if (!name[1]) folder = rel.endsWith("/") ? rel : "";
      if (!existsSync(path.join(root, rel))) missing.push(rel);
    }
    expect(missing).toEqual([]);
  });
});

describe("links between the README and docs/", () => {
  const files = [
    "README.md",
    "scripts/README.md",
    ...readdirSync(path.join(root, "docs"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".md"))
      .map((f) => `docs/${f}`),
  ];

  it.each(files)("%s links only to files and headings that exist", (file) => {
    const broken: string[] = [];
    for (const [, target] of read(file).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue; // https:, mailto:
      const [rel, hash] = target!.split("#");
      const dest = rel ? path.join(path.dirname(file), rel) : file;
      if (!existsSync(path.join(root, dest))) {
        broken.push(target!);
        continue;
      }
      if (hash && dest.endsWith(".md")) {
        const headings = [...read(dest).matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1]!));
        if (!headings.includes(hash)) broken.push(target!);
      }
    }
    expect(broken).toEqual([]);
  });
});
