/**
 * Waits until some processes stop working: under 5 % of a core for 1.5 s, at most 15 s. `busyMs`
 * says how much CPU time (ms) they have used so far. The benchmarks call it between load runs: a
 * server just measured still drains its queue, collects its garbage a second after its last answer
 * (server.mjs, IDLE_GC_MS; some 0.5 s of CPU with a 100,000-article index) and then shrinks its
 * heap, and measured back to back that lands in the next run on this two-core machine. Three
 * half-second windows, because the idle collection only starts a second after the last answer.
 */
export async function settle(busyMs: () => number): Promise<void> {
  const deadline = Date.now() + 15_000;
  let quietWindows = 0;
  while (quietWindows < 3 && Date.now() < deadline) {
    const before = busyMs();
    await new Promise((r) => setTimeout(r, 500));
    quietWindows = busyMs() - before < 25 ? quietWindows + 1 : 0;
  }
}
