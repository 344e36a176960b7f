// Memory and build time of the search index on a synthetic archive: the demo articles' sentences
// mixed with an invented Zipf-distributed vocabulary (names keep arriving in news).
//   node --expose-gc --import tsx scripts/bench/bench-search.ts [articles=10000] [bodyWords=400] [indexedBodyWords=default|all|N]
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { makeArticle, makeIndex } from "@/lib/content/test-helpers";
import { SEARCH_BODY_WORD_BUDGET } from "@/lib/limits";
import { bodyWordLimit, SearchIndex } from "@/lib/search/search-index";
import { parseQuery } from "@/lib/search/text";

const [n = "10000", words = "400", indexed = "default"] = process.argv.slice(2);
const N = Number(n);
const BODY_WORDS = Number(words);
const MAX = indexed === "all" ? undefined : indexed === "default" ? bodyWordLimit(N, SEARCH_BODY_WORD_BUDGET) : Number(indexed);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const f = path.join(dir, name);
    return statSync(f).isDirectory() ? files(f) : f.endsWith(".md") ? [f] : [];
  });
}
const demoWords = files(path.resolve("content/articles"))
  .map((f) => readFileSync(f, "utf8").split(/^---$/m)[2] ?? "")
  .join(" ")
  .split(/\s+/)
  .filter(Boolean);

let seed = 42;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const syllables = [
  "ба",
  "ва",
  "го",
  "да",
  "ке",
  "ла",
  "ми",
  "но",
  "по",
  "ра",
  "си",
  "ту",
  "фе",
  "хо",
  "це",
  "ча",
  "ше",
  "лю",
  "зо",
  "ры",
  "мо",
  "ни",
  "ки",
  "пра",
  "сто",
  "вер",
  "мин",
  "гор",
  "дом",
  "рус",
  "бел",
];
const endings = ["", "а", "ы", "е", "ом", "ами", "ов", "ий", "ая", "ого", "ому", "ую", "ах", "ой", "ость", "ение", "ения", "ский", "ская", "ского"];
const vocabulary = Array.from({ length: 80_000 }, () => {
  let w = "";
  for (let j = 2 + Math.floor(random() * 3); j > 0; j--) w += syllables[Math.floor(random() * syllables.length)];
  return w;
});
const zipf = () => vocabulary[Math.floor(Math.exp(random() * Math.log(vocabulary.length))) - 1]!;
function text(count: number): string {
  const out: string[] = [];
  while (out.length < count) {
    if (random() < 0.7) {
      const s = Math.floor(random() * (demoWords.length - 20));
      out.push(...demoWords.slice(s, s + 10));
    } else out.push(zipf() + endings[Math.floor(random() * endings.length)]);
  }
  return out.slice(0, count).join(" ");
}

const bodies = new Map<string, string>();
const articles = Array.from({ length: N }, (_, i) => {
  bodies.set(`a-${i}`, text(BODY_WORDS));
  return makeArticle(`a-${i}`, new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString(), { title: text(9), lead: text(22), tags: [zipf(), zipf()] });
});
const index = makeIndex(articles);

gc();
gc();
const before = process.memoryUsage();
const search = new SearchIndex({ source: () => index, body: async (a) => bodies.get(a.slug)!, maxBodyWords: MAX, waitMs: 3_600_000 });
let lag = 0;
let last = performance.now();
const probe = setInterval(() => {
  const t = performance.now();
  lag = Math.max(lag, t - last - 10);
  last = t;
}, 10);
const started = performance.now();
await search.catchUp();
const built = performance.now() - started;
clearInterval(probe);
gc();
gc();
const after = process.memoryUsage();
const mb = (x: number) => `${(x / 1048576).toFixed(1)} MB`;
console.log(`${N} articles of ${BODY_WORDS} body words, ${MAX ?? "all"} indexed: ${search.termCount} terms`);
console.log(
  `heap +${mb(after.heapUsed - before.heapUsed)}, array buffers +${mb(after.arrayBuffers - before.arrayBuffers)}, rss +${mb(after.rss - before.rss)}; built in ${(built / 1000).toFixed(1)} s, longest event-loop stall ${lag.toFixed(0)} ms`,
);
for (const q of ["Минск", "погода весна", "Беларуси"]) {
  const t = performance.now();
  const { hits } = await search.search(parseQuery(q)!, Date.now());
  console.log(`«${q}»: ${hits.length} results in ${(performance.now() - t).toFixed(0)} ms`);
}
