// Random fault schedules for recipe properties: server crashes and pauses, client–server partitions and
// short client pauses, all healed well before the run ends. Long client pauses (past the session timeout)
// are drawn only where the property must survive them (the fenced lock).
import { fc } from "@fast-check/vitest";
import { type NodeId, nodeId } from "../../../../sim/api/index.js";
import type { NemesisOp } from "../../../../sim/nemesis/index.js";
import type { Fault } from "./harness.js";

export const SERVERS = ["n1", "n2", "n3"].map(nodeId);

type Ops = readonly [NemesisOp, NemesisOp];

export function serverFault(): fc.Arbitrary<Ops> {
  return fc.oneof(
    fc.constantFrom(...SERVERS).map(
      (n): Ops => [
        { f: "crash", node: n },
        { f: "restart", node: n },
      ],
    ),
    fc.constantFrom(...SERVERS).map(
      (n): Ops => [
        { f: "pause", node: n },
        { f: "resume", node: n },
      ],
    ),
  );
}

export function partitionFault(clients: readonly NodeId[]): fc.Arbitrary<Ops> {
  return fc.tuple(fc.constantFrom(...SERVERS), fc.constantFrom(...clients)).map(
    ([n, c]): Ops => [
      {
        f: "partition-start",
        cuts: [
          [n, c],
          [c, n],
        ],
      },
      { f: "partition-stop" },
    ],
  );
}

export function clientPause(clients: readonly NodeId[]): fc.Arbitrary<Ops> {
  return fc.constantFrom(...clients).map(
    (c): Ops => [
      { f: "pause", node: c },
      { f: "resume", node: c },
    ],
  );
}

/**
 * Faults starting in [0, untilMs) lasting up to `forMsMax`. Pauses and partitions of one server never
 * expire a session on their own (the client moves to another server within the session timeout).
 */
export function faults(
  kinds: fc.Arbitrary<Ops>,
  options: { readonly untilMs: number; readonly forMsMax: number; readonly count?: number },
): fc.Arbitrary<Fault[]> {
  return fc.array(
    fc.tuple(
      fc.integer({ min: 0, max: options.untilMs }),
      fc.integer({ min: 1, max: options.forMsMax }),
      kinds,
    ),
    { maxLength: options.count ?? 4 },
  );
}

export function clientIds(count: number): NodeId[] {
  return Array.from({ length: count }, (_, i) => nodeId(`c${i + 1}`));
}
