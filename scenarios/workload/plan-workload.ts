// The client workload as a plan of timed operations, drawn up front: client c draws from its own stream
// `workload/client-c`, so dropping one client or one operation (the shrinker) leaves the others' draws alone.
// Clients are open-loop (an op every `everyMs`, jittered), each bound to a home server, as a ZooKeeper client is.
import type { Json } from "../../sim/api/index.js";
import type { Streams } from "../../sim/prng/index.js";
import type { ClientOpName, Scenario } from "../schema/index.js";
import { nodeNames } from "../schema/index.js";

export interface ClientOp {
  readonly atUs: number;
  readonly client: number;
  /** The Jepsen process: `client + clients · k` for the client's k-th op, stable when other ops are dropped. */
  readonly process: number;
  readonly node: string;
  readonly f: ClientOpName;
  readonly key: number;
  readonly value: Json;
}

/** Clients start once the first election had time to finish. */
export const WORKLOAD_START_US = 500_000;

export function planWorkload(scenario: Scenario, streams: Streams, endUs: number): ClientOp[] {
  const explicit = scenario.clients.ops;
  if (explicit !== undefined) {
    return explicit
      .map((op, i) => ({
        atUs: Math.round(op.atMs * 1_000),
        client: op.client,
        process: op.client + scenario.clients.count * i,
        node: op.node,
        f: op.f,
        key: op.key ?? 0,
        value: op.value as Json,
      }))
      .sort((a, b) => a.atUs - b.atUs || a.client - b.client);
  }
  const nodes = nodeNames(scenario);
  const ops: ClientOp[] = [];
  for (let client = 0; client < scenario.clients.count; client++) {
    // A loop, not push(...spread): a long run plans millions of ops, more than a call's arguments can hold.
    for (const op of clientOps(
      scenario,
      streams,
      client,
      nodes[client % nodes.length] ?? "n1",
      endUs,
    ))
      ops.push(op);
  }
  return ops.sort((a, b) => a.atUs - b.atUs || a.client - b.client);
}

function clientOps(
  scenario: Scenario,
  streams: Streams,
  client: number,
  node: string,
  endUs: number,
): ClientOp[] {
  const rng = streams.get(`workload/client-${client}`);
  const { count, everyMs, keys, keyLifeMs } = scenario.clients;
  const keyLifeUs =
    keyLifeMs === undefined ? Number.POSITIVE_INFINITY : Math.round(keyLifeMs * 1_000);
  const mix = Object.entries(scenario.clients.mix)
    .filter(([, weight]) => (weight ?? 0) > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) as [ClientOpName, number][];
  const total = mix.reduce((sum, [, weight]) => sum + weight, 0);
  const everyUs = Math.round(everyMs * 1_000);
  const ops: ClientOp[] = [];
  let at = WORKLOAD_START_US + rng.int(0, everyUs);
  for (let k = 0; at < endUs; k++) {
    const f = pickWeighted(mix, rng.next() * total);
    const key = keys * Math.floor((at - WORKLOAD_START_US) / keyLifeUs) + rng.int(0, keys);
    ops.push({
      atUs: at,
      client,
      process: client + count * k,
      node,
      f,
      key,
      value: client * 1e6 + k,
    });
    at += Math.max(1, Math.round(everyUs * (0.5 + rng.next())));
  }
  return ops;
}

function pickWeighted(mix: readonly [ClientOpName, number][], draw: number): ClientOpName {
  let left = draw;
  for (const [f, weight] of mix) {
    if (left < weight) return f;
    left -= weight;
  }
  return (mix[mix.length - 1] as [ClientOpName, number])[0];
}
