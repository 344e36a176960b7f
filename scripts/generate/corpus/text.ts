/**
 * Pure generation of a synthetic Russian news corpus: articles as Markdown files with front matter,
 * from word banks and sentence templates driven by a seeded PRNG. The same options always give the
 * same files, byte for byte; nothing here touches the file system or the clock.
 */
import { transliterate as transliterateTitle } from "../../../lib/import/slug";
import {
  CLAUSES,
  FIRST_NAMES,
  FUTURE_WHEN,
  LIST_INTROS,
  MONTHS_GEN,
  MONTHS_LOC,
  MONTHS_NOM,
  PAST_VERBS,
  QUOTES,
  SECTION_BANKS,
  SUBHEADINGS,
  SURNAMES,
  TITLE_ANGLES,
  type FactContext,
  type Gender,
  type Org,
  type Place,
  type Role,
  type SectionBank,
  type Topic,
} from "./words";

export const CORPUS_YEARS = 3;
const YEAR_MS = 365.25 * 24 * 3600 * 1000;
/** Every date is written in Minsk time, as the newsroom would. */
const OFFSET_MS = 3 * 3600 * 1000;
const MAX_BASE_SLUG = 90;

export interface CorpusImage {
  /** `media/<file>` inside the content folder. */
  src: string;
  alt: string;
  /** The section whose demo article uses the picture; pictures go to articles of the same section. */
  section?: string;
}

export interface CorpusOptions {
  articles: number;
  seed: number;
  /** The newest possible publication time (epoch ms); dates spread over the three years before it. */
  end: number;
  /** Section slugs, in sections.json order; each needs a word bank. */
  sections: string[];
  images: CorpusImage[];
}

export interface CorpusArticle {
  /** Path inside the content folder: `articles/<section>/<yyyy>/<mm>/<slug>.md`. */
  path: string;
  slug: string;
  section: string;
  dateMs: number;
  updatedMs?: number;
  aliases: string[];
  /** Body blocks (paragraphs, quotes, lists, subheadings), for tests of the length mix. */
  blocks: number;
  text: string;
}

/** mulberry32: tiny, fast and good enough to pick words; `next()` is in [0, 1). */
export function createRng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}

export type Rng = ReturnType<typeof createRng>;

/** Russian plural agreement: 1 новость, 2 новости, 5 новостей, 11 новостей, 21 новость. */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  const word = mod10 === 1 && mod100 !== 11 ? one : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? few : many;
  return `${formatNumber(n)} ${word}`;
}

/** Thousands grouped with a no-break space from five digits on, as Russian newsrooms write them. */
export function formatNumber(n: number): string {
  const s = String(n);
  return s.length < 5 ? s : s.replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
}

// Headlines repeat across a large corpus; transliterating each once keeps 100,000 articles fast.
const translitCache = new Map<string, string>();

/**
 * Lowercase Latin transliteration, by the importer's table (lib/import/slug.ts), so generated
 * slugs look like the ones partners' stories get; anything that is not a letter or digit becomes a hyphen.
 */
export function transliterate(text: string): string {
  const cached = translitCache.get(text);
  if (cached !== undefined) return cached;
  if (translitCache.size > 100_000) translitCache.clear();
  const result = transliterateTitle(text);
  translitCache.set(text, result);
  return result;
}

/** A slug from a headline: transliterated and cut at a word boundary, short enough for a suffix. */
export function slugify(title: string, max = MAX_BASE_SLUG): string {
  const full = transliterate(title);
  if (full.length <= max) return full || "novost";
  const cut = full.slice(0, max + 1);
  const at = cut.lastIndexOf("-");
  return (at > 0 ? cut.slice(0, at) : full.slice(0, max)).replace(/-$/, "");
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const PAST_ENDINGS: Record<Gender, string> = { m: "", f: "а", n: "о", pl: "и" };
/** A regular past-tense verb agreed with its subject: сообщил → сообщила, сообщило, сообщили. */
export function past(verb: string, g: Gender): string {
  return verb + PAST_ENDINGS[g];
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Local Minsk wall-clock parts of an instant. */
function minskParts(ms: number) {
  const d = new Date(ms + OFFSET_MS);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth(), d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes() };
}

/** ISO 8601 with the +03:00 offset, to the minute: `2024-03-04T12:40:00+03:00`. */
export function formatMinskDate(ms: number): string {
  const p = minskParts(ms);
  return `${p.y}-${pad(p.mo + 1)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:00+03:00`;
}

interface Person {
  full: string;
  gen: string;
  g: "m" | "f";
  role: Role;
}

function person(rng: Rng, roles: Role[]): Person {
  const g = rng.chance(0.5) ? "m" : "f";
  const [first, firstGen] = rng.pick(FIRST_NAMES[g]);
  const [stem, kind] = rng.pick(SURNAMES);
  const forms: Record<typeof kind, [string, string, string, string]> = {
    ov: [stem, `${stem}а`, `${stem}а`, `${stem}ой`],
    sky: [`${stem}ий`, `${stem}ого`, `${stem}ая`, `${stem}ой`],
    ich: [stem, `${stem}а`, stem, stem],
    fixed: [stem, stem, stem, stem],
  };
  const [mNom, mGen, fNom, fGen] = forms[kind];
  return g === "m"
    ? { full: `${first} ${mNom}`, gen: `${firstGen} ${mGen}`, g, role: rng.pick(roles) }
    : { full: `${first} ${fNom}`, gen: `${firstGen} ${fGen}`, g, role: rng.pick(roles) };
}

/** Everything one article talks about, fixed before its text is written. */
interface Story {
  rng: Rng;
  bank: SectionBank;
  topic: Topic;
  place: Place;
  org: Org;
  person: Person;
  year: number;
  when: () => string;
  fact: FactContext;
}

function futureWhen(rng: Rng): string {
  const r = rng.next();
  if (r < 0.45) return rng.pick(FUTURE_WHEN);
  if (r < 0.75) return `в ${rng.pick(MONTHS_LOC)}`;
  return `${rng.int(1, 28)} ${rng.pick(MONTHS_GEN)}`;
}

type Sentence = (s: Story) => string;

const clause = (s: Story) => s.rng.pick(CLAUSES)({ topic: s.topic, place: s.place, when: s.when() });
/** The lead already names the topic: its second sentence must not repeat it. */
const LEAD_CLAUSES: Sentence[] = CLAUSES.slice(1).map((c) => (s) => c({ topic: s.topic, place: s.place, when: s.when() }));

const OPENINGS: Sentence[] = [
  (s) => `${cap(s.place.loc)} ${s.rng.pick(s.topic.acts)} ${s.topic.acc}.`,
  (s) => `${cap(s.org.nom)} ${past("объявил", s.org.g)}, что ${s.topic.nom} ${s.topic.will} ${s.place.loc} ${s.when()}.`,
  (s) => `${cap(s.topic.nom)} ${s.topic.will} ${s.place.loc} ${s.when()}, сообщили в пресс-службе ${s.org.gen}.`,
  (s) => `${cap(s.place.loc)} ${s.rng.pick(s.topic.acts)} ${s.topic.acc}, ${past("сообщил", s.org.g)} ${s.org.nom}.`,
];

const BODY: Sentence[] = [
  (s) => `Ранее ${s.org.nom} ${past(s.rng.pick(PAST_VERBS), s.org.g)}, что ${clause(s)}.`,
  (s) => `По словам ${s.person.gen}, ${s.person.role.gen}, ${clause(s)}.`,
  (s) => `${s.person.full}, ${s.person.role.nom}, ${past(s.rng.pick(PAST_VERBS), s.person.g)}, что ${clause(s)}.`,
  (s) => `В пресс-службе ${s.org.gen} уточнили, что ${clause(s)}.`,
  (s) => `Напомним, ${clause(s)}.`,
  (s) => `Жители ${s.place.gen} могут направить свои предложения до ${s.rng.int(1, 28)} ${s.rng.pick(MONTHS_GEN)}.`,
  (s) => `Всего в ${s.year} году на эти цели планируют направить ${s.rng.int(2, 90)} млн рублей.`,
  (s) => `К вопросу ${s.topic.about} возвращались уже несколько раз.`,
  (s) => `Жители ${s.place.gen} восприняли новость по-разному: одни довольны, другие ждут подробностей.`,
  (s) => `В соцсетях новость ${s.topic.about} собрала сотни комментариев.`,
  (s) => `Ответы на частые вопросы ${s.org.nom} ${past("обещал", s.org.g)} опубликовать в ближайшее время.`,
  (s) => `Следующий этап намечен на ${s.rng.pick(MONTHS_NOM)}.`,
  (s) => `Всего в проекте участвуют ${pluralRu(s.rng.int(2, 19), "организация", "организации", "организаций")}.`,
  (s) => `Это не первый подобный проект ${s.place.loc}.`,
  () => "Остальные подробности пока не раскрываются.",
  () => "Часть вопросов пока остаётся открытой, их обещают решить в рабочем порядке.",
  (s) => `Об этом ${past(s.rng.pick(["сообщил", "рассказал", "заявил"]), s.org.g)} ${s.org.nom}.`,
];

function headline(s: Story): string {
  switch (s.rng.int(0, 5)) {
    case 0:
      return `${cap(s.place.loc)} ${s.rng.pick(s.topic.acts)} ${s.topic.acc}`;
    case 1:
      return `${cap(s.topic.nom)} ${s.topic.will} ${s.place.loc} ${s.when()}`;
    case 2:
      return `${cap(s.place.loc)} рассказали ${s.topic.about}`;
    case 3:
      return `${cap(s.topic.nom)} ${s.place.loc}: ${s.rng.pick(TITLE_ANGLES)}`;
    case 4:
      return `${cap(s.person.role.nom)}: ${s.topic.nom} ${s.topic.will} ${s.when()}`;
    default:
      return `${cap(s.org.nom)} ${past("рассказал", s.org.g)} ${s.topic.about}`;
  }
}

/** Picks templates without repeating one until the list is used up. */
function deck<T>(rng: Rng, list: readonly T[]) {
  let left: T[] = [];
  return () => {
    if (left.length === 0) left = [...list];
    return left.splice(Math.floor(rng.next() * left.length), 1)[0]!;
  };
}

function paragraph(s: Story, next: () => Sentence, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(next()(s));
  return out.join(" ");
}

/** How many body blocks: short notes, ordinary stories, long stories and long reads. */
function bodyLength(rng: Rng): number {
  const r = rng.next();
  if (r < 0.3) return rng.int(2, 3);
  if (r < 0.7) return rng.int(4, 9);
  if (r < 0.93) return rng.int(10, 19);
  return rng.int(20, 32);
}

function body(s: Story, blocks: number, link: string | undefined): string[] {
  const { rng } = s;
  const sentences = deck(rng, [
    ...BODY,
    ...s.bank.facts.map(
      (f): Sentence =>
        (st) =>
          f(st.fact),
    ),
  ]);
  const headings = deck(rng, SUBHEADINGS);
  const quotes = deck(rng, QUOTES);
  const out: string[] = [`${rng.pick(OPENINGS)(s)} ${paragraph(s, sentences, rng.int(1, 2))}`];
  let listDone = false;
  let sinceHeading = 0;
  const linkAt = link ? rng.int(1, Math.max(1, blocks - 1)) : -1;
  while (out.length < blocks) {
    sinceHeading++;
    const r = rng.next();
    if (blocks >= 10 && sinceHeading >= 4 && r < 0.3 && out.length < blocks - 1) {
      out.push(`## ${headings()}`);
      sinceHeading = 0;
    } else if (r >= 0.3 && r < 0.45 && out.length > 1) {
      const quote = quotes()({ topic: s.topic, place: s.place, when: s.when() });
      const verb = past(rng.pick(PAST_VERBS), s.person.g);
      out.push(`> «${quote}», — ${verb} ${s.person.full}, ${s.person.role.nom}.`);
    } else if (!listDone && blocks >= 4 && r > 0.93) {
      listDone = true;
      const items = deck(rng, s.bank.listItems);
      const n = rng.int(3, 5);
      const numbered = rng.chance(0.4);
      const lines = Array.from({ length: n }, (_, i) => `${numbered ? `${i + 1}.` : "-"} ${items()}${i === n - 1 ? "." : ";"}`);
      out.push(`${rng.pick(LIST_INTROS)}\n\n${lines.join("\n")}`);
    } else {
      let text = paragraph(s, sentences, rng.int(2, 4));
      if (out.length === linkAt && link) text += ` ${link}`;
      out.push(text);
    }
  }
  return out;
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

/** Generates the corpus one article at a time, so a writer can stream it without holding it. */
export function* generateArticles(options: CorpusOptions): Generator<CorpusArticle> {
  const rng = createRng(options.seed);
  const banks = options.sections.map((slug) => {
    const bank = SECTION_BANKS[slug];
    if (!bank) throw new Error(`no word bank for section "${slug}" (have: ${Object.keys(SECTION_BANKS).join(", ")})`);
    const own = options.images.filter((i) => i.section === slug);
    const unowned = options.images.filter((i) => i.section === undefined);
    return { slug, bank, images: own.length > 0 ? own : unowned.length > 0 ? unowned : options.images };
  });
  const taken = new Set<string>();
  const nextSuffix = new Map<string, number>();
  const span = CORPUS_YEARS * YEAR_MS;

  for (let i = 0; i < options.articles; i++) {
    // Round-robin first, so even a small corpus covers every section; then at random.
    const { slug: section, bank, images } = i < banks.length ? banks[i]! : rng.pick(banks);

    let dateMs = options.end - Math.floor(rng.next() * span);
    dateMs -= dateMs % 60_000;
    // A newsroom publishes mostly by day: move night-time stories to the morning or evening before.
    if (minskParts(dateMs).h < 7) dateMs += dateMs + 7 * 3600_000 <= options.end ? 7 * 3600_000 : -7 * 3600_000;
    const parts = minskParts(dateMs);

    const topic = rng.pick(bank.topics);
    const place = rng.pick(bank.places);
    const org = rng.pick(bank.orgs);
    const story: Story = {
      rng,
      bank,
      topic,
      place,
      org,
      person: person(rng, bank.roles),
      year: parts.y + (rng.chance(0.5) ? 1 : 0),
      when: () => futureWhen(rng),
      fact: {
        place,
        org,
        topic,
        int: rng.int,
        round: (min, max, step) => formatNumber(Math.round(rng.int(min, max) / step) * step || step),
        plural: pluralRu,
        pick: rng.pick,
      },
    };

    const title = headline(story);
    const base = slugify(title);
    let slug = base;
    if (taken.has(slug)) {
      let k = nextSuffix.get(base) ?? 2;
      while (taken.has(`${base}-${k}`)) k++;
      nextSuffix.set(base, k + 1);
      slug = `${base}-${k}`;
    }
    taken.add(slug);

    // A headline changed after publication leaves its old slug behind as an alias.
    const aliases: string[] = [];
    if (rng.chance(0.005)) {
      const old = `${slugify(headline(story), 80)}-${parts.y}`;
      if (!taken.has(old)) {
        taken.add(old);
        aliases.push(old);
      }
    }

    let updatedMs: number | undefined;
    if (rng.chance(0.1)) {
      const u = dateMs + rng.int(20, 36 * 60) * 60_000;
      if (u <= options.end) updatedMs = u;
    }

    const fm: string[] = ["---", `title: ${yamlString(title)}`, `date: "${formatMinskDate(dateMs)}"`];
    if (updatedMs !== undefined) fm.push(`updated: "${formatMinskDate(updatedMs)}"`);
    fm.push(`section: ${section}`);
    if (rng.chance(0.15)) fm.push(`rubric: ${yamlString(rng.pick(bank.rubrics))}`);
    const withLead = rng.chance(0.5);
    if (withLead) {
      const lead = `${cap(topic.nom)} ${topic.will} ${place.loc} ${story.when()}. ${cap(rng.pick(LEAD_CLAUSES)(story))}.`;
      fm.push(`lead: ${yamlString(lead)}`);
    }
    const tags = new Set<string>();
    if (rng.chance(0.7)) tags.add(place.nom);
    for (const tag of topic.tags) if (rng.chance(0.7)) tags.add(tag);
    if (org.tag && rng.chance(0.4)) tags.add(org.tag);
    for (let k = rng.int(0, 2); k > 0; k--) tags.add(rng.pick(bank.tags));
    if (tags.size > 0) fm.push(`tags: [${[...tags].slice(0, 5).map(yamlString).join(", ")}]`);
    if (rng.chance(0.35)) {
      fm.push("source:", `  name: ${yamlString(`Пресс-служба ${org.gen}`)}`, `  url: "https://example.org/press/${transliterate(org.nom)}/${i + 1}"`);
    }
    if (images.length > 0 && rng.chance(0.75)) {
      const image = rng.pick(images);
      fm.push("image:", `  src: ${image.src}`, `  alt: ${yamlString(image.alt)}`, `  credit: "Иллюстрация редакции"`);
    }
    if (rng.chance(0.02)) fm.push("top: true");
    if (aliases.length > 0) fm.push(`aliases: [${aliases.join(", ")}]`);
    fm.push("---");

    const link = rng.chance(0.3)
      ? `Подробная информация опубликована на [сайте ${org.gen}](https://example.org/${transliterate(org.nom)}/${slug}).`
      : undefined;
    const blocks = body(story, bodyLength(rng), link);
    if (updatedMs !== undefined) {
      const u = minskParts(updatedMs);
      blocks.push(`*Дополнено в ${pad(u.h)}:${pad(u.mi)}.* ${cap(clause(story))}.`);
    }

    yield {
      path: `articles/${section}/${parts.y}/${pad(parts.mo + 1)}/${slug}.md`,
      slug,
      section,
      dateMs,
      ...(updatedMs !== undefined ? { updatedMs } : {}),
      aliases,
      blocks: blocks.length,
      text: `${fm.join("\n")}\n\n${blocks.join("\n\n")}\n`,
    };
  }
}

/**
 * The newest `articles` of the archive of `archive` articles that the same seed and end give:
 * the same files, word for word, as that archive's newest ones. A benchmark comparing archives of
 * different sizes uses it so that the pages it measures (the home page, a section's first page)
 * show the same articles at every size, and only the archive behind them grows; two independently
 * generated corpora put different stories, with different lengths and photos, on those pages.
 * The archive is generated twice (first for its dates, then for the text), about 3 s per 100,000.
 */
export function* generateNewest(options: CorpusOptions, archive: number): Generator<CorpusArticle> {
  if (!Number.isInteger(archive) || archive < options.articles) {
    throw new Error(`the archive (${archive}) must be a whole number of at least ${options.articles} articles`);
  }
  const full = { ...options, articles: archive };
  const dates = new Float64Array(archive);
  let i = 0;
  for (const article of generateArticles(full)) dates[i++] = article.dateMs;
  // Newest first; equal times keep generation order, as a stable sort on the archive would.
  const order = Array.from({ length: archive }, (_, k) => k).sort((a, b) => dates[b]! - dates[a]! || a - b);
  const keep = new Uint8Array(archive);
  for (let k = 0; k < options.articles; k++) keep[order[k]!] = 1;
  i = 0;
  for (const article of generateArticles(full)) if (keep[i++]) yield article;
}
