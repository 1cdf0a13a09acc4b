// A random ZooKeeper workload for server properties: each client issues calls at random intervals over a
// few keys — creates of every mode, deletes, setData, multis, reads with and without watches, persistent
// watches, syncs and, rarely, close — drawn from one seeded stream per client.
import type { Json } from "../../../../sim/api/index.js";
import type { Prng } from "../../../../sim/prng/index.js";
import { call, type ZkSetup } from "./harness.js";

const PATHS = ["/a", "/b", "/a/x", "/b/y", "/c"] as const;

function pick<T>(rng: Prng, items: readonly T[]): T {
  return items[rng.int(0, items.length)] as T;
}

function randomCall(rng: Prng): { readonly f: string; readonly value: Json } {
  const path = pick(rng, PATHS);
  const roll = rng.int(0, 100);
  if (roll < 22) {
    const mode = pick(rng, [
      "persistent",
      "persistent",
      "ephemeral",
      "persistent_sequential",
      "ephemeral_sequential",
      "container",
    ]);
    return { f: "create", value: { path, data: `d${rng.int(0, 10)}`, mode } };
  }
  if (roll < 32) return { f: "delete", value: { path, version: -1 } };
  if (roll < 44) return { f: "setData", value: { path, data: `v${rng.int(0, 10)}`, version: -1 } };
  if (roll < 48) {
    const other = pick(rng, PATHS);
    const ops = [
      { op: "create", path: other, data: "m" },
      { op: "setData", path, data: "m", version: -1 },
    ];
    return { f: "multi", value: { ops } };
  }
  if (roll < 60) return { f: "getData", value: { path, watch: rng.chance(0.6) } };
  if (roll < 72) return { f: "exists", value: { path, watch: rng.chance(0.6) } };
  if (roll < 82) return { f: "getChildren", value: { path, watch: rng.chance(0.6) } };
  if (roll < 86) return { f: "sync", value: { path } };
  if (roll < 89)
    return {
      f: "addWatch",
      value: { path, mode: pick(rng, ["persistent", "persistentRecursive"]) },
    };
  if (roll < 92) return { f: "getEphemerals", value: { prefix: "/" } };
  if (roll < 93) return { f: "close", value: null };
  return { f: "getAllChildrenNumber", value: { path: "/" } };
}

/** Calls from every client between `fromMs` and `toMs`, one every `meanGapMs` on average. */
export function randomWorkload(
  s: ZkSetup,
  rngFor: (client: string) => Prng,
  fromMs: number,
  toMs: number,
  meanGapMs: number,
): number {
  let count = 0;
  for (const client of s.clients) {
    const rng = rngFor(client);
    for (
      let at = fromMs + rng.exponential(meanGapMs);
      at < toMs;
      at += rng.exponential(meanGapMs)
    ) {
      const { f, value } = randomCall(rng);
      call(s, Math.round(at), f, value, client);
      count++;
    }
  }
  return count;
}
