// Which app instance the running code belongs to. The app host runs every callback of an instance inside
// `appContext.run(life, ...)`; promise continuations and callbacks registered there inherit it, so a patched
// global (virtual-globals.ts) asks this store whether it is called from app code, and from which instance.
// One store per process, kept on globalThis: the simulated client library is loaded by Node's own loader for
// the app (scenarios/apps/host/app-loader.ts) and may be a different copy of this module than the host's.
import { AsyncLocalStorage } from "node:async_hooks";
import type { ZkHandleDriver } from "../handle-driver.js";

/** One incarnation of an instance, as its code sees the world. */
export interface AppRuntime {
  /** `app-1`. */
  readonly instance: string;
  /** False once the instance crashed or the run ended: whatever its code still does is ignored. */
  readonly alive: boolean;
  /** The instance's local clock, in simulated microseconds since the run started. */
  nowUs(): number;
  /** The instance's seeded stream, in [0, 1). */
  random(): number;
  /** Schedules `fn` on the simulated clock; returns the timer's number. */
  setTimer(fn: () => void, delayMs: number, repeat: boolean): number;
  clearTimer(timer: number): void;
  /** Records that the app reached for real I/O and throws the Error that says so. */
  forbidden(what: string): never;
  /** The instance's ZooKeeper handle driver, for the simulated client library. */
  driver(): ZkHandleDriver;
  /** A promise rejection nobody handled, or an exception thrown from a microtask, in this instance's turn. */
  unhandled(error: unknown): void;
}

const KEY = Symbol.for("zabsim.appContext");

function sharedStore(): AsyncLocalStorage<AppRuntime> {
  const found: unknown = Reflect.get(globalThis, KEY);
  if (found instanceof AsyncLocalStorage) return found;
  const store = new AsyncLocalStorage<AppRuntime>();
  Reflect.set(globalThis, KEY, store);
  return store;
}

export const appContext: AsyncLocalStorage<AppRuntime> = sharedStore();

export function currentRuntime(): AppRuntime | undefined {
  return appContext.getStore();
}
