import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it } from "vitest";
import { createAdmissionGate } from "./admission-gate.mjs";

function manual() {
  const finishers: (() => void)[] = [];
  const order: string[] = [];
  const task = (name: string) => (done: () => void) => {
    order.push(name);
    finishers.push(done);
  };
  return { finishers, order, task };
}

describe("createAdmissionGate", () => {
  it("runs at most `concurrency` tasks and the rest in arrival order", () => {
    const gate = createAdmissionGate({ concurrency: 2, queueLimit: 10 });
    const { finishers, order, task } = manual();
    for (const name of ["a", "b", "c", "d"]) expect(gate.admit(task(name))).toBe(true);
    expect(order).toEqual(["a", "b"]);
    expect(gate.waiting).toBe(2);
    finishers[1]!();
    expect(order).toEqual(["a", "b", "c"]);
    finishers[0]!();
    expect(order).toEqual(["a", "b", "c", "d"]);
    expect(gate.active).toBe(2);
  });

  it("refuses once the queue is full, so the server can answer 503", () => {
    const gate = createAdmissionGate({ concurrency: 1, queueLimit: 1 });
    const { task } = manual();
    expect(gate.admit(task("a"))).toBe(true);
    expect(gate.admit(task("b"))).toBe(true);
    expect(gate.admit(task("c"))).toBe(false);
  });

  it("gives an abandoned task's turn to the next in line and counts done once", () => {
    const idle: number[] = [];
    const gate = createAdmissionGate({ concurrency: 1, queueLimit: 10, onIdle: () => idle.push(1) });
    const { finishers, order, task } = manual();
    gate.admit(task("a"));
    gate.admit(task("gone"), () => true);
    gate.admit(task("c"));
    finishers[0]!();
    finishers[0]!(); // a response emits both finish and close
    expect(order).toEqual(["a", "c"]);
    expect(gate.active).toBe(1);
    finishers[1]!();
    expect(gate.active).toBe(0);
    expect(idle).toHaveLength(1);
  });

  it("starts a waiting task in the async context it arrived in, not in the finishing task's", () => {
    // Inheriting the finishing request's context chained every request to the one before it.
    const als = new AsyncLocalStorage<string>();
    const gate = createAdmissionGate({ concurrency: 1, queueLimit: 10 });
    const seen: (string | undefined)[] = [];
    let finishFirst = () => {};
    als.run("first request", () => gate.admit((done) => ((finishFirst = done), seen.push(als.getStore()))));
    als.run("second request", () => gate.admit(() => seen.push(als.getStore())));
    als.run("first request", () => finishFirst());
    expect(seen).toEqual(["first request", "second request"]);
  });
});
