/*
 * A compact inverted index with BM25+ ranking, for the site search.
 *
 * Memory is what limits search on a large archive, and it is made of postings: one per (term,
 * document). MiniSearch, which this replaced, keeps a Map per term and field with an entry per
 * document, about 100 bytes a posting; at 100,000 articles that doubled the server's resident
 * memory. Here each term's postings are one byte array: the document number as a delta from the
 * previous one (a varint, usually one or two bytes), then one byte with the term's frequency in
 * each field (2 bits each, 3 meaning "3 or more, the rest follows as a varint"). A posting costs
 * about 3 bytes.
 *
 * Documents get increasing numbers as they are added, so every list is appended to in order and
 * stays sorted. An edited document is removed and added again under a new number; a removed one is
 * only marked dead, and its postings are dropped when dead documents reach a quarter of the live
 * ones (`vacuum`). Document frequencies are counted over live documents while a list is read, so
 * they are exact without any bookkeeping on removal.
 */

/** BM25+ parameters, as MiniSearch's defaults: term saturation, length normalization, floor. */
const K = 1.2;
const B = 0.7;
const D = 0.5;

/** At most this many fields (their frequencies share one byte per posting). */
const MAX_FIELDS = 4;
const MAX_LENGTH = 0xffff;

export interface PostingsSearch {
  /** Per field, how much a match there weighs. */
  boost: readonly number[];
  /** Factor for a document's whole score (recency); 0 leaves it out. */
  docBoost?: (key: string) => number;
  /** Which documents may be returned. */
  filter?: (key: string) => boolean;
}

export interface ScoredKey {
  key: string;
  score: number;
}

function grown<T extends Uint8Array | Uint16Array | Int32Array>(array: T, need: number, make: (n: number) => T): T {
  if (need <= array.length) return array;
  const next = make(Math.max(need, Math.ceil(array.length * 1.5), 16));
  next.set(array);
  return next;
}

export class Postings {
  private readonly fields: number;
  // Terms: their numbers, and per number the encoded list, its used length and its last document.
  private termIds = new Map<string, number>();
  private lists: Uint8Array[] = [];
  private used = new Int32Array(0);
  private last = new Int32Array(0);
  // Documents: per number its key (undefined once removed) and its length in each field.
  private keys: (string | undefined)[] = [];
  private lengths = new Uint16Array(0);
  private ids = new Map<string, number>();
  private totals: Float64Array;
  private dead = 0;

  constructor(fields: number) {
    if (!Number.isInteger(fields) || fields < 1 || fields > MAX_FIELDS) throw new RangeError(`Postings: 1 to ${MAX_FIELDS} fields, not ${fields}`);
    this.fields = fields;
    this.totals = new Float64Array(fields);
  }

  /** Live documents. */
  get size(): number {
    return this.ids.size;
  }

  /** Distinct terms with postings (terms only in removed documents count until the next vacuum). */
  get termCount(): number {
    return this.termIds.size;
  }

  /** Bytes held by the postings lists (logged when the first build ends). */
  get listBytes(): number {
    let n = 0;
    for (const list of this.lists) n += list.length;
    return n;
  }

  /**
   * Indexes a document: per field, its terms in order (a term may repeat). A document already
   * indexed under the key is replaced.
   */
  add(key: string, fieldTerms: readonly (readonly string[])[]): void {
    if (fieldTerms.length !== this.fields) throw new RangeError(`Postings.add(${key}): ${fieldTerms.length} fields, expected ${this.fields}`);
    this.remove(key);
    const id = this.keys.length;
    this.keys.push(key);
    this.ids.set(key, id);
    this.lengths = grown(this.lengths, (id + 1) * this.fields, (n) => new Uint16Array(n));
    const counts = new Map<string, number[]>();
    fieldTerms.forEach((terms, f) => {
      const length = Math.min(MAX_LENGTH, terms.length);
      this.lengths[id * this.fields + f] = length;
      this.totals[f]! += length;
      for (const term of terms) {
        let tf = counts.get(term);
        if (!tf) counts.set(term, (tf = new Array<number>(this.fields).fill(0)));
        tf[f]!++;
      }
    });
    for (const [term, tf] of counts) this.append(this.termId(term), id, tf);
  }

  /** Forgets a document; its postings are dropped at the next vacuum. */
  remove(key: string): void {
    const id = this.ids.get(key);
    if (id === undefined) return;
    this.ids.delete(key);
    this.keys[id] = undefined;
    for (let f = 0; f < this.fields; f++) this.totals[f]! -= this.lengths[id * this.fields + f]!;
    this.dead++;
    if (this.dead >= 256 && this.dead * 4 >= this.ids.size) this.vacuum();
  }

  /**
   * Documents holding, for every word, at least one of its alternative terms, with their BM25+
   * scores summed over words, alternatives and fields. Unordered.
   */
  search(words: readonly (readonly string[])[], { boost, docBoost, filter }: PostingsSearch): ScoredKey[] {
    if (words.length === 0) return [];
    const n = this.ids.size;
    const average = Array.from(this.totals, (t) => (n > 0 ? t / n : 0));
    // Fewest postings first: the first word bounds the candidates, the others only narrow them.
    const ordered = words
      .map((alternatives) => ({ alternatives, cost: alternatives.reduce((s, t) => s + (this.used[this.termIds.get(t) ?? -1] ?? 0), 0) }))
      .sort((a, b) => a.cost - b.cost);
    let scores: Map<number, number> | undefined;
    for (const { alternatives } of ordered) {
      const next = new Map<number, number>();
      for (const term of alternatives) {
        const tid = this.termIds.get(term);
        if (tid !== undefined) this.score(tid, n, average, boost, scores, next);
      }
      if (scores) for (const [id, s] of next) next.set(id, s + scores.get(id)!);
      scores = next;
      if (scores.size === 0) return [];
    }
    const out: ScoredKey[] = [];
    for (const [id, score] of scores!) {
      const key = this.keys[id]!;
      if (filter && !filter(key)) continue;
      const factor = docBoost ? docBoost(key) : 1;
      if (factor > 0) out.push({ key, score: score * factor });
    }
    return out;
  }

  /** Drops the postings of removed documents and renumbers the live ones. */
  vacuum(): void {
    const renumber = new Int32Array(this.keys.length).fill(-1);
    const keys: string[] = [];
    const lengths = new Uint16Array(this.ids.size * this.fields);
    this.keys.forEach((key, id) => {
      if (key === undefined) return;
      const to = keys.length;
      renumber[id] = to;
      keys.push(key);
      this.ids.set(key, to);
      lengths.set(this.lengths.subarray(id * this.fields, (id + 1) * this.fields), to * this.fields);
    });
    const termIds = new Map<string, number>();
    const lists: Uint8Array[] = [];
    const used: number[] = [];
    const last: number[] = [];
    const tf = new Array<number>(this.fields);
    for (const [term, tid] of this.termIds) {
      const out = new Writer(Math.max(4, this.used[tid]!));
      let prev = -1;
      this.read(
        tid,
        (id) => {
          const to = renumber[id]!;
          if (to < 0) return false;
          out.varint(to - prev);
          prev = to;
          return true;
        },
        (t) => out.frequencies(t),
        tf,
      );
      if (out.length === 0) continue;
      termIds.set(term, lists.length);
      lists.push(out.bytes.slice(0, out.length));
      used.push(out.length);
      last.push(prev);
    }
    this.keys = keys;
    this.lengths = lengths;
    this.termIds = termIds;
    this.lists = lists;
    this.used = Int32Array.from(used);
    this.last = Int32Array.from(last);
    this.dead = 0;
  }

  /** Gives back the room lists were grown by (after a bulk build). */
  trim(): void {
    this.lists.forEach((list, tid) => {
      const length = this.used[tid]!;
      if (list.length > length) this.lists[tid] = list.slice(0, length);
    });
  }

  private termId(term: string): number {
    let tid = this.termIds.get(term);
    if (tid === undefined) {
      tid = this.lists.length;
      this.termIds.set(term, tid);
      this.lists.push(new Uint8Array(4));
      this.used = grown(this.used, tid + 1, (n) => new Int32Array(n));
      this.last = grown(this.last, tid + 1, (n) => new Int32Array(n));
      this.last[tid] = -1;
    }
    return tid;
  }

  private append(tid: number, id: number, tf: readonly number[]) {
    const out = new Writer(0, this.lists[tid]!, this.used[tid]!);
    out.varint(id - this.last[tid]!);
    out.frequencies(tf);
    this.lists[tid] = out.bytes;
    this.used[tid] = out.length;
    this.last[tid] = id;
  }

  /**
   * Walks a term's list: `visit(id)` for each posting, and when it returns true, `frequencies`
   * with the posting's per-field counts (decoded into `tf`).
   */
  private read(tid: number, visit: (id: number) => boolean, frequencies: (tf: number[], id: number) => void, tf: number[]) {
    const list = this.lists[tid]!;
    const end = this.used[tid]!;
    // The read position, shared with `varint` so that it can hand back a plain number.
    let p = 0;
    const varint = () => {
      let value = 0;
      let byte: number;
      for (let shift = 0; ; shift += 7) {
        byte = list[p++]!;
        value += (byte & 0x7f) * 2 ** shift;
        if (!(byte & 0x80)) return value;
      }
    };
    let id = -1;
    while (p < end) {
      id += varint();
      const packed = list[p++]!;
      for (let f = 0; f < this.fields; f++) tf[f] = (packed >> (2 * f)) & 3;
      for (let f = 0; f < this.fields; f++) if (tf[f] === 3) tf[f] = 3 + varint();
      if (visit(id)) frequencies(tf, id);
    }
  }

  /** Adds one term's BM25+ contributions to `into`, for live documents (among `within`, if given). */
  private score(tid: number, n: number, average: number[], boost: readonly number[], within: Map<number, number> | undefined, into: Map<number, number>) {
    const ids: number[] = [];
    const freqs: number[] = [];
    const df = new Array<number>(this.fields).fill(0);
    const tf = new Array<number>(this.fields);
    this.read(
      tid,
      (id) => this.keys[id] !== undefined,
      (t, id) => {
        for (let f = 0; f < this.fields; f++) if (t[f]! > 0) df[f]!++;
        freqs.push(...t);
        ids.push(id);
      },
      tf,
    );
    const idf = df.map((m) => Math.log(1 + (n - m + 0.5) / (m + 0.5)));
    ids.forEach((id, i) => {
      if (within && !within.has(id)) return;
      let s = 0;
      for (let f = 0; f < this.fields; f++) {
        const t = freqs[i * this.fields + f]!;
        if (t === 0) continue;
        const norm = average[f]! > 0 ? this.lengths[id * this.fields + f]! / average[f]! : 1;
        s += boost[f]! * idf[f]! * (D + (t * (K + 1)) / (t + K * (1 - B + B * norm)));
      }
      into.set(id, (into.get(id) ?? 0) + s);
    });
  }
}

/** Appends varints and frequency bytes to a growing byte array. */
class Writer {
  length: number;
  bytes: Uint8Array;

  constructor(capacity: number, bytes?: Uint8Array, length = 0) {
    this.bytes = bytes ?? new Uint8Array(capacity);
    this.length = length;
  }

  private room(n: number) {
    if (this.length + n > this.bytes.length) {
      const next = new Uint8Array(Math.max(this.length + n, Math.ceil(this.bytes.length * 1.5), 4));
      next.set(this.bytes.subarray(0, this.length));
      this.bytes = next;
    }
  }

  varint(value: number) {
    this.room(5);
    while (value >= 0x80) {
      this.bytes[this.length++] = (value & 0x7f) | 0x80;
      value = Math.floor(value / 128);
    }
    this.bytes[this.length++] = value;
  }

  frequencies(tf: readonly number[]) {
    let packed = 0;
    tf.forEach((t, f) => {
      packed |= Math.min(t, 3) << (2 * f);
    });
    this.room(1);
    this.bytes[this.length++] = packed;
    for (const t of tf) if (t >= 3) this.varint(t - 3);
  }
}
