import { describe, expect, it } from "vitest";
import { CardCache } from "./og-card-cache";

const bytes = (n: number) => new Uint8Array(n);

describe("CardCache", () => {
  it("draws a card once and answers the second request from the cache", async () => {
    const cache = new CardCache(1000);
    let drawn = 0;
    const render = async () => (drawn++, bytes(10));
    const first = await cache.get("a", render);
    const second = await cache.get("a", render);
    expect(drawn).toBe(1);
    expect(second).toBe(first);
    expect([cache.renders, cache.hits]).toEqual([1, 1]);
  });

  it("draws a card once for requests that arrive while it is being drawn", async () => {
    const cache = new CardCache(1000);
    let drawn = 0;
    let finish!: (b: Uint8Array) => void;
    const render = () => (drawn++, new Promise<Uint8Array>((r) => (finish = r)));
    const waiting = [cache.get("a", render), cache.get("a", render), cache.get("a", render)];
    finish(bytes(10));
    expect(new Set(await Promise.all(waiting)).size).toBe(1);
    expect(drawn).toBe(1);
  });

  it("draws again for a new key (a new version of the article)", async () => {
    const cache = new CardCache(1000);
    let drawn = 0;
    const render = async () => (drawn++, bytes(10));
    await cache.get("a\0v1", render);
    await cache.get("a\0v2", render);
    expect(drawn).toBe(2);
  });

  it("drops the least recently used cards once their total size passes the bound", async () => {
    const cache = new CardCache(100);
    await cache.get("a", async () => bytes(40));
    await cache.get("b", async () => bytes(40));
    await cache.get("a", async () => bytes(40)); // "b" is now the oldest
    await cache.get("c", async () => bytes(40));
    expect(cache.count).toBe(2);
    expect(cache.totalBytes).toBe(80);
    let drawn = 0;
    await cache.get("b", async () => (drawn++, bytes(40)));
    expect(drawn).toBe(1);
  });

  it("serves but does not keep a card larger than the bound, and retries after a failed drawing", async () => {
    const cache = new CardCache(10);
    expect((await cache.get("big", async () => bytes(50))).byteLength).toBe(50);
    expect(cache.count).toBe(0);
    await expect(cache.get("x", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect((await cache.get("x", async () => bytes(5))).byteLength).toBe(5);
  });
});
