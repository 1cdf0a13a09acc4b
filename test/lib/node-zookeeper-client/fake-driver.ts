// A deterministic ZkHandleDriver for the simulated node-zookeeper-client: it records every open and call,
// and the test answers calls (oldest first) and delivers session and watch events by hand.

import { Exception } from "../../../lib/node-zookeeper-client/exception.js";
import type { Stat } from "../../../protocol/zk/data-tree/index.js";
import type {
  CallOutcome,
  HandleEvent,
  HandleOptions,
  SessionState,
  WatchEventType,
  ZkHandle,
  ZkHandleDriver,
} from "../../../scenarios/apps/index.js";
import type { Json } from "../../../sim/api/index.js";

export type RecordedCall = {
  readonly f: string;
  readonly value: Json;
  readonly done: (outcome: CallOutcome) => void;
};

export const SESSION = { sessionId: 0x0102030405, passwd: "secret", timeoutMs: 4000 } as const;

export class FakeDriver implements ZkHandleDriver {
  readonly instance = "app-1";
  readonly opened: HandleOptions[] = [];
  readonly calls: RecordedCall[] = [];
  closes = 0;
  #unanswered: RecordedCall[] = [];
  #listener: ((event: HandleEvent) => void) | null = null;

  /** `nK:2181` is server `nK`; anything else is unknown. */
  serverOf(hostPort: string): string | null {
    const match = /^(n\d+):2181$/.exec(hostPort);
    return match?.[1] ?? null;
  }

  open(options: HandleOptions, listener: (event: HandleEvent) => void): ZkHandle {
    this.opened.push(options);
    this.#listener = listener;
    return {
      call: (f, value, done) => {
        const call = { f, value, done };
        this.calls.push(call);
        this.#unanswered.push(call);
      },
      close: () => {
        this.closes += 1;
      },
      session: () => SESSION,
    };
  }

  /** The calls as `f value` lines, for compact assertions. */
  sent(): string[] {
    return this.calls.map((call) => `${call.f} ${JSON.stringify(call.value)}`);
  }

  pendingCount(): number {
    return this.#unanswered.length;
  }

  /** Ends the oldest unanswered call. */
  answer(outcome: CallOutcome): void {
    const call = this.#unanswered.shift();
    if (call === undefined) throw new Error("no unanswered call");
    call.done(outcome);
  }

  ok(value: { readonly [field: string]: Json } = {}): void {
    this.answer({ type: "ok", value, zxid: 7 });
  }

  okError(error: string, value: { readonly [field: string]: Json } = {}): void {
    this.answer({ type: "ok", value: { ...value, error }, zxid: 7 });
  }

  unanswered(type: "fail" | "info", error: string): void {
    this.answer({ type, value: { error, reason: "test" }, zxid: null });
  }

  session(state: SessionState, session: typeof SESSION = SESSION): void {
    this.#emit({ kind: "session", state, ...session });
  }

  watch(type: WatchEventType, path: string, fired: readonly string[] = []): void {
    this.#emit({ kind: "watch", type, path, fired });
  }

  #emit(event: HandleEvent): void {
    if (this.#listener === null) throw new Error("no open handle");
    this.#listener(event);
  }
}

/** A zabsim Stat as the wire carries it (protocol/zk/data-tree Stat), with recognisable numbers. */
export const WIRE_STAT = {
  czxid: 0x100000001,
  mzxid: 0x100000002,
  ctime: 1000,
  mtime: 2000,
  version: 3,
  cversion: 4,
  aversion: 5,
  ephemeralOwner: 0x0102030405,
  dataLength: 6,
  numChildren: 7,
  pzxid: 0x100000003,
} as const satisfies Stat;

/** The library code of a callback's error, or undefined if it is not an Exception. */
export function codeOf(error: unknown): number | undefined {
  return error instanceof Exception ? error.getCode() : undefined;
}
