import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NAPI_FROM_MAJOR } from "@/lib/store/sqlite/driver";
import { lowestVersions, satisfies } from "./node-engines";

const root = path.resolve(import.meta.dirname, "../..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8"));

type LockEntry = { engines?: Record<string, string> | string[]; os?: string[]; cpu?: string[] };

/** Whether the lockfile may install a package on this platform: `os`/`cpu` lists such as ["linux"] or ["!win32"]. */
function forThisPlatform(entry: LockEntry): boolean {
  const fits = (list: string[] | undefined, value: string) =>
    !list || (list.some((x) => !x.startsWith("!")) ? list.includes(value) : !list.includes(`!${value}`));
  return fits(entry.os, process.platform) && fits(entry.cpu, process.arch);
}

describe("the Node versions package.json declares", () => {
  const declared: string = pkg.engines.node;

  it("are 20, 22 and 24, the lines CI and the README name (22 and 24 are tested by hand and in CI's Node 24 stage)", () => {
    for (const major of [20, 22, 24])
      expect(
        lowestVersions(declared).some((v) => v.startsWith(`${major}.`)),
        `${major} in ${declared}`,
      ).toBe(true);
    // 23 and 21 are odd lines, out of support; several dependencies refuse them.
    expect(satisfies("23.11.0", declared)).toBe(false);
    expect(satisfies("21.7.3", declared)).toBe(false);
  });

  it("are each accepted by every dependency in the lockfile for this platform, from the oldest release of each line on", () => {
    const refusals: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages as Record<string, LockEntry>)) {
      if (where === "" || !forThisPlatform(entry)) continue;
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!range) continue;
      // better-sqlite3 13 is loaded only from Node 22 on (lib/store/sqlite/driver.ts); 12 serves 20.
      const onlyFrom = where.startsWith("node_modules/better-sqlite3-napi") ? NAPI_FROM_MAJOR : 0;
      for (const version of lowestVersions(declared).filter((v) => Number(v.split(".")[0]) >= onlyFrom)) {
        if (!satisfies(version, range)) refusals.push(`${where.replace(/^.*node_modules\//, "")} wants ${range}, not ${version}`);
      }
    }
    expect(refusals).toEqual([]);
  });

  it("type-check against the oldest line's @types/node, so that code cannot use an API it lacks", () => {
    const oldest = lowestVersions(declared)[0]?.split(".")[0];
    expect(pkg.devDependencies["@types/node"]).toMatch(new RegExp(`^\\^${oldest}\\.`));
  });
});

describe("reading a Node range", () => {
  it("knows the forms the lockfile uses", () => {
    const range = "^20.19.0 || ^22.13.0 || >=24";
    expect(["20.19.0", "20.20.2", "22.13.0", "22.23.3", "24.0.0", "26.1.0"].filter((v) => satisfies(v, range))).toHaveLength(6);
    expect(["20.18.9", "21.0.0", "22.12.0", "23.6.0"].filter((v) => satisfies(v, range))).toEqual([]);
    expect(lowestVersions(range)).toEqual(["20.19.0", "22.13.0", "24.0.0"]);
    expect(satisfies("20.0.0", ">= 20")).toBe(true);
    expect(satisfies("19.9.9", ">= 20")).toBe(false);
    expect(satisfies("22.1.0", "20 || >=22")).toBe(true);
    expect(satisfies("21.1.0", "20 || >=22")).toBe(false);
    expect(satisfies("12.5.0", "10.* || >= 12.*")).toBe(true);
    expect(satisfies("11.5.0", "10.* || >= 12.*")).toBe(false);
    expect(satisfies("13.7.0", "^6 || ^13.7")).toBe(true);
    expect(satisfies("14.0.0", "^6 || ^13.7")).toBe(false);
    expect(satisfies("24.0.0", "*")).toBe(true);
    expect(satisfies("12.22.7", ">=v12.22.7")).toBe(true);
    expect(satisfies("8.9.5", ">=9.4.0 || ^8.9.4")).toBe(true);
    expect(satisfies("20.1.0", "~20.1.2")).toBe(false);
    expect(satisfies("20.1.5", "~20.1.2")).toBe(true);
  });

  it("refuses a form it does not know rather than guessing", () => {
    expect(() => satisfies("20.0.0", ">=20 <22 || latest")).toThrow(/latest/);
    expect(() => satisfies("20.0.0", "20.0.0 - 22.0.0")).toThrow(/cannot read/);
  });
});
