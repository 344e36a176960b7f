import { AsyncResource } from "node:async_hooks";

/**
 * A FIFO admission gate: at most `concurrency` tasks run at once, the rest wait in arrival order,
 * and past `queueLimit` waiting tasks `admit` refuses (the server answers 503 then). A task gets a
 * `done` callback, safe to call more than once; `onIdle` runs when the last running task is done
 * and nobody waits.
 */
export function createAdmissionGate({ concurrency, queueLimit, onIdle = () => {} }) {
  let active = 0;
  const waiting = [];

  function release() {
    const nextInLine = waiting.shift();
    if (nextInLine) nextInLine();
    else if (--active === 0) onIdle();
  }

  function start(task) {
    let released = false;
    task(() => {
      if (released) return;
      released = true;
      release();
    });
  }

  return {
    /** Runs the task now or in its turn; false when the queue is full. `abandoned` is asked when the turn comes. */
    admit(task, abandoned = () => false) {
      if (active < concurrency) {
        active++;
        start(task);
        return true;
      }
      if (waiting.length >= queueLimit) return false;
      // The turn comes inside the finishing task's callback. Bound to its own arrival, the waiting
      // task does not inherit that task's async context: inherited, each request's
      // AsyncLocalStorage snapshot held the one before it, and memory grew by a page per request.
      waiting.push(AsyncResource.bind(() => (abandoned() ? release() : start(task))));
      return true;
    },
    get active() {
      return active;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
