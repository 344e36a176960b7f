/**
 * A reader for the plain front matter nearly every article has (strings in double quotes, lists
 * of them, one nested mapping), without the YAML library: building its syntax tree and document
 * was a fifth of indexing's CPU, a million times over. It reads only a strict subset and answers
 * undefined for anything else (a comment, a number, an escape, a single quote, a duplicate key,
 * a control character), and front-matter.ts then asks the library, whose errors and types stay the
 * authority. Whatever this reads, it reads exactly as the library would (simple-yaml.test.ts
 * checks both against each other).
 *
 * The subset, line by line:
 *   key: "text"            double-quoted, no backslash or quote inside
 *   key: word              a plain word or words (letters, digits, . _ / - and single spaces) that
 *                          YAML's core schema would not read as a number or null; true and false
 *                          (any of YAML's three spellings) are booleans
 *   key: ["a", b c]        a flow list of such strings and words, or []
 *   key:                   followed by lines indented by two spaces: either `key: value` lines
 *     sub: "text"          (a mapping of the forms above, lists included) or `- value` items
 *     - "text"             (a list of the scalar forms above)
 */

type Scalar = string | boolean;
type Value = Scalar | Scalar[] | Record<string, Scalar | Scalar[]>;

const KEY_LINE = /^([A-Za-z][A-Za-z0-9_-]*):(?:[ ]+(.*))?$/;
const QUOTED = /^"([^"\\]*)"[ ]*$/;
const PLAIN = /^[\p{L}\p{N}](?:[\p{L}\p{N}._/-]|[ ](?=[\p{L}\p{N}._/-]))*[ ]*$/u;
// YAML 1.2's core schema: its booleans, and everything it reads as something other than a string.
const BOOLEAN_WORDS = "true|True|TRUE|false|False|FALSE";
const BOOLEAN = new RegExp(`^(?:${BOOLEAN_WORDS})$`);
const CORE_NON_STRING = new RegExp(
  `^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)|~|null|Null|NULL|${BOOLEAN_WORDS})$`,
);
const FLOW_LIST = /^\[([^[\]{}]*)\][ ]*$/;
// Characters YAML treats specially or refuses in a document: control characters (a tab too), the
// byte-order mark, and the line and paragraph separators.
const UNUSUAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/** One value on a line (after `key: ` or `- `), or undefined when it is not of the subset. */
function scalarOrList(text: string, lists: boolean): Scalar | Scalar[] | undefined {
  const quoted = QUOTED.exec(text);
  if (quoted) return quoted[1]!;
  if (lists) {
    const flow = FLOW_LIST.exec(text);
    if (flow) return flowItems(flow[1]!);
  }
  return plainWord(text);
}

function plainWord(text: string): Scalar | undefined {
  if (!PLAIN.test(text)) return undefined;
  const word = text.trimEnd();
  if (BOOLEAN.test(word)) return word[0] === "t" || word[0] === "T";
  return CORE_NON_STRING.test(word) ? undefined : word;
}

/** A flow list's items (quoted or plain words, split at commas), or undefined for anything else. */
function flowItems(inner: string): Scalar[] | undefined {
  if (inner.trim() === "") return [];
  const items: Scalar[] = [];
  for (const piece of inner.split(",")) {
    const item = piece.trim();
    const quoted = QUOTED.exec(item);
    const value = quoted ? quoted[1] : plainWord(item);
    if (value === undefined) return undefined;
    items.push(value);
  }
  return items;
}

/** The front matter's fields when it is plain (see above), else undefined. */
export function readSimpleFrontMatter(yaml: string): Record<string, Value> | undefined {
  if (UNUSUAL.test(yaml)) return undefined;
  const lines = yaml.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const out: Record<string, Value> = {};
  for (let i = 0; i < lines.length; i++) {
    const m = KEY_LINE.exec(lines[i]!);
    if (!m || Object.hasOwn(out, m[1]!) || CORE_NON_STRING.test(m[1]!)) return undefined;
    const key = m[1]!;
    const rest = m[2];
    if (rest !== undefined && rest.trim() !== "") {
      const value = scalarOrList(rest, true);
      if (value === undefined) return undefined;
      out[key] = value;
      continue;
    }
    // A nested block: the lines indented by exactly two spaces that follow.
    const block: string[] = [];
    while (i + 1 < lines.length && lines[i + 1]!.startsWith("  ")) block.push(lines[++i]!.slice(2));
    const nested = nestedBlock(block);
    if (nested === undefined) return undefined;
    out[key] = nested;
  }
  return out;
}

function nestedBlock(block: string[]): Scalar[] | Record<string, Scalar | Scalar[]> | undefined {
  if (block.length === 0) return undefined;
  if (block[0]!.startsWith("- ")) {
    const items: Scalar[] = [];
    for (const line of block) {
      if (!line.startsWith("- ")) return undefined;
      const item = scalarOrList(line.slice(2).trimStart(), false);
      if (typeof item !== "string") return undefined;
      items.push(item);
    }
    return items;
  }
  const map: Record<string, Scalar | Scalar[]> = {};
  for (const line of block) {
    const m = KEY_LINE.exec(line);
    if (!m || m[2] === undefined || Object.hasOwn(map, m[1]!) || CORE_NON_STRING.test(m[1]!)) return undefined;
    const value = scalarOrList(m[2], true);
    if (value === undefined) return undefined;
    map[m[1]!] = value;
  }
  return map;
}
