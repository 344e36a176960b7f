/**
 * Lookups by key asked in the same turn of the event loop, answered by one query. A page asks for
 * each of its items' parts on its own (Promise.all over a search page's 20 results: each article,
 * each of its tags, each body), which costs nothing in SQLite, in this process, and a round trip
 * each on PostgreSQL: a search page not kept yet made 140 queries (bench:scale at 100,000).
 *
 * Keys are gathered until the event loop's next turn (setImmediate: after the promise callbacks
 * of the turn that asked), then fetched in chunks of at most `max`. A key asked twice in a batch
 * is fetched once. `group` keeps apart lookups that cannot share a query (another instant). A
 * failed fetch fails every lookup of its chunk, with its error; the next batch starts afresh.
 */
export class Batcher<V> {
  private waiting = new Map<string, Map<string, Waiter<V>[]>>();
  private scheduled = false;

  constructor(
    private readonly fetchMany: (keys: string[], group: string) => Promise<Map<string, V>>,
    private readonly max = 200,
  ) {}

  /** The value for `key`, or undefined when the fetch found none. */
  load(key: string, group = ""): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      let keys = this.waiting.get(group);
      if (!keys) this.waiting.set(group, (keys = new Map()));
      let waiters = keys.get(key);
      if (!waiters) keys.set(key, (waiters = []));
      waiters.push({ resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const groups = this.waiting;
    this.waiting = new Map();
    for (const [group, keys] of groups) {
      const all = [...keys.keys()];
      for (let i = 0; i < all.length; i += this.max) {
        const chunk = all.slice(i, i + this.max);
        const settle = (each: (w: Waiter<V>, key: string) => void) => {
          for (const key of chunk) for (const w of keys.get(key)!) each(w, key);
        };
        // A fetch that throws before its promise is the same as one that rejects.
        Promise.resolve()
          .then(() => this.fetchMany(chunk, group))
          .then(
            (found) => settle((w, key) => w.resolve(found.get(key))),
            (err: unknown) => settle((w) => w.reject(err)),
          );
      }
    }
  }
}

interface Waiter<V> {
  resolve: (value: V | undefined) => void;
  reject: (err: unknown) => void;
}
