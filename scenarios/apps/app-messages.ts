// What the app host posts to an instance's node (Simulation.post): everything the app's asynchronous code did
// between two events that the node must act on, as a traced step. Calls on the ZooKeeper handle are not here:
// they are kernel requests, recorded in the history like any client's.
import type { FingerprintSink, Json } from "../../sim/api/index.js";

export type AppFields = { readonly [field: string]: Json };

/**
 * - `APP_OPEN`: the app connected a new handle (`createClient(...).connect()`); the node starts a fresh client
 *   (a new session) on these servers, dropping what is left of the previous handle.
 * - `APP_TIMER` / `APP_CANCEL`: a timer of the app's (setTimeout, setInterval, setImmediate, sleep), by number.
 * - `APP_NOTE`: `ctx.note(event, fields)`, recorded as an `app-note` observation.
 * - `APP_MAIN`: `main` returned or threw, recorded as an `app-main` observation.
 */
export type AppMessage =
  | {
      readonly type: "APP_OPEN";
      readonly servers: readonly string[];
      readonly sessionTimeoutMs: number;
      readonly spinDelayMs: number;
    }
  | { readonly type: "APP_TIMER"; readonly timer: number; readonly afterUs: number }
  | { readonly type: "APP_CANCEL"; readonly timer: number }
  | { readonly type: "APP_NOTE"; readonly event: string; readonly fields: AppFields }
  | {
      readonly type: "APP_MAIN";
      readonly status: "finished" | "threw";
      readonly message: string;
    };

export const APP_MESSAGE_TYPES: ReadonlySet<string> = new Set([
  "APP_OPEN",
  "APP_TIMER",
  "APP_CANCEL",
  "APP_NOTE",
  "APP_MAIN",
]);

export function isAppMessage(msg: { readonly type: string }): msg is AppMessage {
  return APP_MESSAGE_TYPES.has(msg.type);
}

export function describeAppMessage(msg: AppMessage): string {
  switch (msg.type) {
    case "APP_OPEN":
      return `APP_OPEN servers=${msg.servers.join(",")} sessionTimeout=${msg.sessionTimeoutMs}ms`;
    case "APP_TIMER":
      return `APP_TIMER #${msg.timer} after ${msg.afterUs / 1_000}ms`;
    case "APP_CANCEL":
      return `APP_CANCEL #${msg.timer}`;
    case "APP_NOTE":
      return `APP_NOTE ${msg.event} ${JSON.stringify(msg.fields)}`;
    case "APP_MAIN":
      return `APP_MAIN ${msg.status}${msg.message === "" ? "" : ` ${msg.message}`}`;
    default:
      return msg satisfies never;
  }
}

/** Every field of the message feeds the trace hash: notes carry what `check` will judge. */
export function fingerprintAppMessage(msg: AppMessage, sink: FingerprintSink): void {
  sink.json(msg);
}
