// Applying a step's effects, in list order (the ordering contract is written on `Effect` in sim/api).
import type { Effect, Json, Message, NodeId, Observation } from "../api/index.js";
import { assertNever } from "../api/index.js";
import { sampleLatency } from "../network/index.js";
import type { Prng } from "../prng/index.js";
import type { Trace } from "../record/index.js";
import type { DiskConfig } from "./config.js";
import type { HostedNode } from "./hosted-node.js";

/** What effects need from the kernel. */
export interface EffectHost {
  readonly diskConfig: DiskConfig;
  /** Durable writes and fsyncs feed the trace hash as they are applied (replies do, in `reply`). */
  readonly trace: Trace;
  readonly streams: { get(name: string): Prng };
  send(node: HostedNode, to: NodeId, msg: Message): void;
  closeConnection(node: HostedNode, peer: NodeId): void;
  setTimer(node: HostedNode, name: string, afterUs: number): void;
  fsync(node: HostedNode, token: number | null, latencyUs: number): void;
  reply(
    node: HostedNode,
    requestId: number,
    type: "ok" | "fail" | "info",
    value: Json,
    fields: { readonly [field: string]: Json },
  ): void;
  observe(node: HostedNode, observation: Observation): void;
  log(node: HostedNode, text: string): void;
  /** The node's process exits: it goes down as after a kill. */
  exit(node: HostedNode, reason: string): void;
}

const NO_FIELDS: { readonly [field: string]: Json } = {};

export function applyEffects(
  host: EffectHost,
  node: HostedNode,
  effects: readonly Effect<Message>[],
): void {
  for (let i = 0; i < effects.length; i++) {
    // A crash cannot fall inside a step, but an effect may not outlive its node either.
    if (node.status === "down") return;
    applyEffect(host, node, effects[i] as Effect<Message>);
  }
}

function applyEffect(host: EffectHost, node: HostedNode, effect: Effect<Message>): void {
  switch (effect.kind) {
    case "send":
      host.send(node, effect.to, effect.msg);
      return;
    case "set-timer":
      host.setTimer(node, effect.timer, effect.afterUs);
      return;
    case "cancel-timer":
      node.timers.delete(effect.timer);
      return;
    case "close":
      host.closeConnection(node, effect.peer);
      return;
    case "append":
      host.trace.append(node.protocol, node.index, effect.log, effect.record);
      node.disk.append(effect.log, effect.record);
      return;
    case "truncate":
      host.trace.durableMark("truncate", node.index, effect.log, effect.length);
      node.disk.truncate(effect.log, effect.length);
      return;
    case "write-file":
      host.trace.durableWrite("write-file", node.index, effect.file, effect.data);
      node.disk.writeFile(effect.file, effect.data);
      return;
    case "delete-file":
      host.trace.durableMark("delete-file", node.index, effect.file, 0);
      node.disk.deleteFile(effect.file);
      return;
    case "fsync": {
      host.trace.durableMark("fsync", node.index, "", effect.token ?? -1);
      node.diskRandom ??= host.streams.get(`disk/${node.id}`);
      const latency = sampleLatency(host.diskConfig.fsyncLatency, node.diskRandom);
      host.fsync(node, effect.token ?? null, latency);
      return;
    }
    case "reply":
      host.reply(node, effect.requestId, effect.type, effect.value, effect.fields ?? NO_FIELDS);
      return;
    case "observe":
      host.observe(node, effect.observation);
      return;
    case "log":
      host.log(node, effect.text);
      return;
    case "exit":
      host.exit(node, effect.reason);
      return;
    default:
      assertNever(effect, "effect");
  }
}
