// Unit-test helpers: a peer driven step by step without the kernel, with a hand-made disk.

import {
  DROP_OUTPUTS,
  type RegisterState,
  type ZabConfig,
  type ZabMessage,
  type ZabOverrides,
  zabConfig,
  zabPeer,
} from "../../../protocol/zab/index.js";
import type { Txn } from "../../../protocol/zab/messages.js";
import { step } from "../../../protocol/zab/peer.js";
import type { PeerState } from "../../../protocol/zab/state.js";
import { makeZxid } from "../../../protocol/zab/zxid.js";
import type {
  DurableView,
  Effect,
  Input,
  Json,
  NodeContext,
  NodeId,
} from "../../../sim/api/index.js";
import { micros, nodeId } from "../../../sim/api/index.js";

/** A client txn of `epoch`, numbered `counter`, whose value names both. */
export const txn = (epoch: number, counter: number): Txn => ({
  zxid: makeZxid(epoch, counter),
  value: `${epoch}.${counter}`,
  origin: null,
  requestId: 0,
});

export const N1 = nodeId("n1");
export const N2 = nodeId("n2");
export const N3 = nodeId("n3");

export function config3(overrides: ZabOverrides = {}): ZabConfig<RegisterState, never> {
  return zabConfig([N1, N2, N3], { tickTimeUs: micros(100_000), ...overrides });
}

export function disk(files: Record<string, Json> = {}, log: readonly Json[] = []): DurableView {
  return {
    logNames: () => ["txnlog"],
    fileNames: () => Object.keys(files).sort(),
    readLog: () => ({ records: log, damage: null }),
    readFile: (name) => (name in files ? { data: files[name] ?? null, damage: null } : undefined),
  };
}

export function ctx(self: NodeId, view: DurableView = disk(), nowUs = 0): NodeContext {
  return {
    self,
    nodes: [N1, N2, N3],
    nowUs: micros(nowUs),
    random: { next: () => 0.5, chance: () => false, int: (a) => a, pick: (xs) => xs[0] as never },
    disk: view,
  };
}

export interface Driven {
  state: PeerState<RegisterState>;
  effects: Effect<ZabMessage>[];
}

export function boot(
  config: ZabConfig<RegisterState, never>,
  self: NodeId,
  view?: DurableView,
): Driven {
  const result = zabPeer(config).init(ctx(self, view));
  return { state: result.state, effects: [...result.effects] };
}

export function feed(
  config: ZabConfig<RegisterState, never>,
  d: Driven,
  input: Input<ZabMessage>,
  nowUs = 0,
): Driven {
  const effects: Effect<ZabMessage>[] = [];
  const state = step(d.state, input, { config, nowUs, outputs: DROP_OUTPUTS }, effects);
  return { state, effects };
}

export function msg(from: NodeId, m: ZabMessage): Input<ZabMessage> {
  return { kind: "message", from, msg: m };
}

export function sends(d: Driven, type?: string) {
  return d.effects.flatMap((e) =>
    e.kind === "send" && (type === undefined || e.msg.type === type) ? [e] : [],
  );
}

export function kinds(d: Driven): string[] {
  return d.effects.map((e) =>
    e.kind === "send"
      ? `send ${e.msg.type}`
      : e.kind === "observe"
        ? `observe ${e.observation.kind}`
        : e.kind,
  );
}

/** The fsync token of the last fsync effect. */
export function lastFsyncToken(d: Driven): number {
  const fsyncs = d.effects.flatMap((e) =>
    e.kind === "fsync" && e.token !== undefined ? [e.token] : [],
  );
  const token = fsyncs[fsyncs.length - 1];
  if (token === undefined) throw new Error(`no fsync in ${kinds(d).join(", ")}`);
  return token;
}
