// One incarnation of an app instance: from its node's start (or restart after a crash) until the next crash or
// the run's end. It is the runtime its code sees (timers, clock, randomness) and the ZooKeeper handle driver
// the simulated client library uses; everything it does enters the simulation as a post or a kernel request
// at the current simulated time, in the order the code did it.
import type { Json } from "../../../sim/api/index.js";
import type { Simulation } from "../../../sim/kernel/index.js";
import type { Prng } from "../../../sim/prng/index.js";
import type { AppMessage } from "../app-messages.js";
import type {
  CallOutcome,
  HandleEvent,
  HandleOptions,
  ZkHandle,
  ZkHandleDriver,
} from "../handle-driver.js";
import type { ProcessPool } from "../process-pool.js";
import type { AppRuntime } from "./app-context.js";
import { describeError } from "./describe-error.js";

type Timer = { readonly fn: () => void; readonly delayMs: number; readonly repeat: boolean };
type Session = { readonly sessionId: number; readonly passwd: string; readonly timeoutMs: number };

/** What a life reports to its host. */
export interface LifeHost {
  /** The app's code broke the rules or threw outside `main`'s promise: the run fails with this. */
  fail(instance: string, message: string): void;
  /** The servers of `host:port`, for connect strings. */
  serverOf(hostPort: string): string | null;
}

export class AppLife implements AppRuntime, ZkHandleDriver {
  readonly instance: string;
  readonly index: number;
  #alive = true;
  readonly #sim: Simulation;
  readonly #random: Prng;
  readonly #host: LifeHost;
  readonly #processes: ProcessPool;
  readonly #timers = new Map<number, Timer>();
  #lastTimer = 0;
  readonly #calls = new Map<
    number,
    { readonly done: (o: CallOutcome) => void; readonly process: number }
  >();
  /** The handle opened last: its number (the APP_OPENs so far), listener, whether it is open, its session. */
  #handle = 0;
  #listener: ((event: HandleEvent) => void) | null = null;
  #open = false;
  #session: Session | null = null;
  /** When `main` settled (simulated µs), null while it runs. */
  finishedAtUs: number | null = null;

  constructor(options: {
    readonly instance: string;
    readonly index: number;
    readonly sim: Simulation;
    readonly random: Prng;
    readonly host: LifeHost;
    readonly processes: ProcessPool;
  }) {
    this.instance = options.instance;
    this.index = options.index;
    this.#sim = options.sim;
    this.#random = options.random;
    this.#host = options.host;
    this.#processes = options.processes;
  }

  get alive(): boolean {
    return this.#alive;
  }

  /** The instance crashed or the run ended: this incarnation's code is ignored from now on. */
  end(): void {
    this.#alive = false;
  }

  nowUs(): number {
    return this.#sim.nodeOf(this.instance).clock.localAt(this.#sim.nowUs);
  }

  random(): number {
    return this.#random.next();
  }

  post(msg: AppMessage): void {
    if (this.#alive) this.#sim.post(this.instance, msg);
  }

  setTimer(fn: () => void, delayMs: number, repeat: boolean): number {
    const timer = ++this.#lastTimer;
    this.#timers.set(timer, { fn, delayMs, repeat });
    this.post({ type: "APP_TIMER", timer, afterUs: Math.round(delayMs * 1_000) });
    return timer;
  }

  clearTimer(timer: number): void {
    if (!this.#timers.delete(timer)) return;
    this.post({ type: "APP_CANCEL", timer });
  }

  /** Runs a timer that fired; an interval is armed again first, as Node does. */
  fireTimer(timer: number): void {
    const entry = this.#timers.get(timer);
    if (entry === undefined) return;
    if (entry.repeat)
      this.post({ type: "APP_TIMER", timer, afterUs: Math.round(entry.delayMs * 1_000) });
    else this.#timers.delete(timer);
    entry.fn();
  }

  driver(): ZkHandleDriver {
    return this;
  }

  unhandled(error: unknown): void {
    this.#host.fail(
      this.instance,
      `${this.instance}: unhandled rejection: ${describeError(error)}`,
    );
  }

  forbidden(what: string): never {
    const message = `${this.instance} used ${what}: real I/O is not simulated (an app talks to the world only through node-zookeeper-client)`;
    this.#host.fail(this.instance, message);
    throw new Error(message);
  }

  note(event: string, fields: { readonly [field: string]: Json }): void {
    this.post({ type: "APP_NOTE", event, fields });
  }

  // ---- the ZooKeeper handle (ZkHandleDriver) -----------------------------------------------------------

  serverOf(hostPort: string): string | null {
    return this.#host.serverOf(hostPort);
  }

  open(options: HandleOptions, listener: (event: HandleEvent) => void): ZkHandle {
    if (this.#open) {
      throw new Error(
        `${this.instance} opened a second ZooKeeper handle while one is open: zabsim runs one open handle per app instance (close or lose the first; use more instances for more sessions)`,
      );
    }
    this.#handle++;
    const handle = this.#handle;
    this.#listener = listener;
    this.#open = true;
    this.#session = null;
    this.post({
      type: "APP_OPEN",
      servers: options.servers,
      sessionTimeoutMs: options.sessionTimeoutMs,
      spinDelayMs: options.spinDelayMs,
    });
    return {
      call: (f, value, done) => this.#call(handle, f, value, done),
      close: () => {
        if (handle !== this.#handle || !this.#open) return;
        this.#call(handle, "close", null, () => {});
        this.#open = false;
      },
      session: () => (handle === this.#handle ? this.#session : null),
    };
  }

  #call(handle: number, f: string, value: Json, done: (outcome: CallOutcome) => void): void {
    if (!this.#alive) return;
    if (handle !== this.#handle) {
      queueMicrotask(() =>
        done({
          type: "fail",
          value: { error: "SESSIONEXPIRED", reason: "handle replaced" },
          zxid: null,
        }),
      );
      return;
    }
    const process = this.#processes.take();
    const requestId = this.#sim.submit({
      atUs: this.#sim.nowUs,
      node: this.instance,
      process,
      f,
      value,
    });
    this.#calls.set(requestId, { done, process });
  }

  /** A call ended: its process is free again and the library hears the outcome. */
  replied(requestId: number, outcome: CallOutcome): void {
    const call = this.#calls.get(requestId);
    if (call === undefined) return;
    this.#calls.delete(requestId);
    if (outcome.type !== "info") this.#processes.give(call.process);
    call.done(outcome);
  }

  handleEvent(handle: number, event: HandleEvent): void {
    if (handle !== this.#handle) return;
    if (event.kind === "session") {
      if (event.sessionId !== 0) {
        this.#session = {
          sessionId: event.sessionId,
          passwd: event.passwd,
          timeoutMs: event.timeoutMs,
        };
      }
      if (event.state === "Expired" || event.state === "Closed" || event.state === "AuthFailed")
        this.#open = false;
    }
    this.#listener?.(event);
  }
}
