// What setTimeout/setInterval/setImmediate return inside app code: Node's Timeout API (ref, unref, hasRef,
// refresh, close, a number as primitive) over a timer of the simulated clock.
import type { AppRuntime } from "./app-context.js";

export class SimTimeout {
  readonly #runtime: AppRuntime;
  readonly #fn: () => void;
  readonly #delayMs: number;
  readonly #repeat: boolean;
  #timer: number;

  constructor(
    runtime: AppRuntime,
    timer: number,
    fn: () => void,
    delayMs: number,
    repeat: boolean,
  ) {
    this.#runtime = runtime;
    this.#timer = timer;
    this.#fn = fn;
    this.#delayMs = delayMs;
    this.#repeat = repeat;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  hasRef(): boolean {
    return true;
  }

  /** Starts the timer over from now, as Node's refresh does. */
  refresh(): this {
    this.#runtime.clearTimer(this.#timer);
    this.#timer = this.#runtime.setTimer(this.#fn, this.#delayMs, this.#repeat);
    return this;
  }

  close(): this {
    this.#runtime.clearTimer(this.#timer);
    return this;
  }

  [Symbol.toPrimitive](): number {
    return this.#timer;
  }
}
