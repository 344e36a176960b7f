// Node version ranges as package.json's `engines.node` writes them, read just far enough to check
// that the versions this project declares are ones every dependency accepts (node-engines.test.ts).
// semver is not a dependency of ours, and only these forms occur in the lockfile: `*`, `x`, `x.*`,
// `^x.y.z`, `~x.y.z`, `>=x`, `> x`, `<x`, `<=x`, `x.y.z`, space-separated (all must hold) and
// joined by `||` (one must hold). Anything else throws, so that a new form fails the test loudly
// instead of passing it unread.

type Version = [number, number, number];
type Comparator = { op: ">=" | ">" | "<" | "<=" | "="; v: Version };

export function parseVersion(text: string): Version {
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`not a version: ${JSON.stringify(text)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** One comparator of a range (`^20.19.0`, `>= 20`, `10.*`, …) as the plain comparisons it means. */
function comparators(part: string, range: string): Comparator[] {
  if (part === "*" || part === "") return [];
  const m = /^(\^|~|>=|<=|>|<|=)?v?(\d+)(?:\.(\d+|\*|x))?(?:\.(\d+|\*|x))?$/.exec(part);
  if (!m) throw new Error(`cannot read the Node range ${JSON.stringify(range)} (at ${JSON.stringify(part)})`);
  const op = m[1] ?? "";
  const major = Number(m[2]);
  const minor = m[3] === undefined || m[3] === "*" || m[3] === "x" ? undefined : Number(m[3]);
  const patch = m[4] === undefined || m[4] === "*" || m[4] === "x" ? undefined : Number(m[4]);
  const low: Version = [major, minor ?? 0, patch ?? 0];
  // The first version past a partial one: `20` → 21.0.0, `20.1` → 20.2.0.
  const next: Version = minor === undefined ? [major + 1, 0, 0] : patch === undefined ? [major, minor + 1, 0] : [major, minor, patch + 1];
  switch (op) {
    case ">=":
      return [{ op: ">=", v: low }];
    case ">":
      return [{ op: ">=", v: next }];
    case "<":
      return [{ op: "<", v: low }];
    case "<=":
      return [{ op: "<", v: next }];
    case "^": {
      const upper: Version = major > 0 ? [major + 1, 0, 0] : minor !== undefined && minor > 0 ? [0, minor + 1, 0] : next;
      return [
        { op: ">=", v: low },
        { op: "<", v: upper },
      ];
    }
    case "~":
      return [
        { op: ">=", v: low },
        { op: "<", v: minor === undefined ? [major + 1, 0, 0] : [major, minor + 1, 0] },
      ];
    default:
      // `20`, `20.x`, `20.1.*`: the whole of that line; `20.1.2` (or `=20.1.2`): exactly that.
      return patch === undefined
        ? [
            { op: ">=", v: low },
            { op: "<", v: next },
          ]
        : [{ op: "=", v: low }];
  }
}

function alternatives(range: string): Comparator[][] {
  return range.split("||").map((alt) => {
    // `>= 20` is one comparator with a space in it.
    const parts = alt
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, "$1")
      .split(/\s+/);
    return parts.flatMap((part) => comparators(part, range));
  });
}

function holds(v: Version, c: Comparator): boolean {
  const d = compare(v, c.v);
  return c.op === ">=" ? d >= 0 : c.op === ">" ? d > 0 : c.op === "<" ? d < 0 : c.op === "<=" ? d <= 0 : d === 0;
}

/** Whether `version` (`24.0.0`) is in `range` (`^20.19.0 || ^22.13.0 || >=24`). */
export function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  return alternatives(range).some((alt) => alt.every((c) => holds(v, c)));
}

/** The lowest version of each `||` alternative of a range: the oldest release of each Node line it admits. */
export function lowestVersions(range: string): string[] {
  return alternatives(range).map((alt) => {
    const floor = alt.filter((c) => c.op === ">=" || c.op === "=").map((c) => c.v);
    const v = floor.sort(compare).at(-1) ?? [0, 0, 0];
    return v.join(".");
  });
}
