import { afterAll, describe, expect, it } from "vitest";
import { renderBody } from "./markdown";
import { MarkdownBudgetError, RenderPool } from "./render-pool";

// Nested block quotes that the shape bounds would refuse: here they reach the parser on purpose,
// as a shape nobody thought of would, and must cost no more than the budget.
const runaway = ">".repeat(100_000) + " x\n";

describe("RenderPool", () => {
  const pool = new RenderPool({ size: 1, budgetMs: 1500 });
  afterAll(() => pool.close());

  it("renders a body exactly as the main thread would", async () => {
    const md = "Первый абзац.\n\n## Заголовок\n\nВторой абзац со [ссылкой](https://example.org).\n";
    expect(await pool.run({ kind: "render", markdown: md, takeLead: true })).toEqual({
      html: renderBody(md, { takeLead: true }).html,
      text: renderBody(md, { takeLead: true }).text,
    });
  }, 60_000); // the first job waits for a worker to load the parser under tsx

  it("stops a body that runs over its budget, and the next job gets a fresh worker", async () => {
    const started = Date.now();
    // Queued behind the runaway one: it must still be answered.
    const [slow, next] = await Promise.allSettled([
      pool.run({ kind: "render", markdown: runaway, takeLead: false }),
      pool.run({ kind: "render", markdown: "Дальше.\n", takeLead: false }),
    ]);
    expect(slow.status).toBe("rejected");
    expect((slow as PromiseRejectedResult).reason).toBeInstanceOf(MarkdownBudgetError);
    expect(next).toEqual({ status: "fulfilled", value: { html: "<p>Дальше.</p>", text: "Дальше." } });
    // Generous: the budget plus a worker's start on a busy machine; without the budget this takes hours.
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it("keeps the main thread free while a worker is busy", async () => {
    const job = pool.run({ kind: "render", markdown: runaway, takeLead: false }).catch((e: unknown) => e);
    // Timers keep firing on the main thread while the parse runs elsewhere.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 50);
    const error = await job;
    clearInterval(timer);
    expect(error).toBeInstanceOf(MarkdownBudgetError);
    expect(ticks).toBeGreaterThan(5);
  }, 60_000);

  it("answers a closed pool with an error instead of hanging", async () => {
    const closed = new RenderPool({ size: 1 });
    await closed.close();
    await expect(closed.run({ kind: "render", markdown: "x", takeLead: false })).rejects.toThrow(/closed/);
  });
});
