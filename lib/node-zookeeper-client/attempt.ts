// index.js's `attempt`: a request is retried while it ends CONNECTION_LOSS, up to `retries` more times,
// and the callback gets the last attempt's (error, ...results).
import assert from "node:assert";
import { Exception } from "./exception.js";

export type Callback = (...args: unknown[]) => void;

/** An attempt's end: its error (null when none) and the results the callback is given after it. */
export type Next = (args: readonly [Exception | null, ...unknown[]]) => void;

export function isCallback(value: unknown): value is Callback {
  return typeof value === "function";
}

/**
 * Between attempts the library waits min(1000 * 2^attempt, sessionTimeout) ms with setTimeout; inside an
 * app run setTimeout is the simulation's (scenarios/apps/host/virtual-globals.ts), so the back-off is in
 * simulated time.
 */
export function attempt(
  retries: unknown,
  fn: (next: Next) => void,
  callback: Callback,
  sessionTimeoutMs: () => number,
): void {
  assert(
    typeof retries === "number" && retries >= 0,
    "retries must be an integer greater or equal to 0.",
  );
  let count = 0;
  const run = (): void => {
    count += 1;
    fn((args) => {
      const [error] = args;
      const lost = error !== null && error.getCode() === Exception.CONNECTION_LOSS;
      if (lost && count <= retries)
        setTimeout(run, Math.min(1000 * 2 ** (count - 1), sessionTimeoutMs()));
      else callback(...args);
    });
  };
  run();
}
