/**
 * Rendered link-preview cards, least recently used first out, bounded by their total size in bytes.
 * A card costs a photo decode, a layout and an SVG render through sharp (some 100 ms of CPU and tens
 * of MB of native memory that the allocator keeps afterwards), and crawlers and messengers fetch the
 * same cards again and again: each card is drawn once per version of what it shows (the key), and
 * every later request is a copy from here. Requests for a card being drawn wait for that drawing.
 */
export class CardCache {
  private entries = new Map<string, Uint8Array>();
  private pending = new Map<string, Promise<Uint8Array>>();
  private size = 0;
  /** How many cards were drawn, and how many requests were answered from the cache. */
  renders = 0;
  hits = 0;

  constructor(private readonly maxBytes: number) {}

  /** The card for `key`: from the cache, from a drawing already under way, or drawn by `render`. */
  async get(key: string, render: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const hit = this.entries.get(key);
    if (hit) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const inFlight = this.pending.get(key);
    if (inFlight) {
      this.hits++;
      return inFlight;
    }
    this.renders++;
    const drawing = render().then(
      (bytes) => {
        this.pending.delete(key);
        this.set(key, bytes);
        return bytes;
      },
      (error: unknown) => {
        this.pending.delete(key);
        throw error;
      },
    );
    this.pending.set(key, drawing);
    return drawing;
  }

  private set(key: string, bytes: Uint8Array): void {
    const old = this.entries.get(key);
    if (old) {
      this.size -= old.byteLength;
      this.entries.delete(key);
    }
    // A card larger than the whole bound is served but not kept.
    if (bytes.byteLength > this.maxBytes) return;
    this.entries.set(key, bytes);
    this.size += bytes.byteLength;
    for (const [k, v] of this.entries) {
      if (this.size <= this.maxBytes) break;
      this.entries.delete(k);
      this.size -= v.byteLength;
    }
  }

  get totalBytes(): number {
    return this.size;
  }

  get count(): number {
    return this.entries.size;
  }
}
