// The ZooKeeper consistency check (DESIGN.md checkers §2; reference §2): what ZooKeeper promises, not
// linearizable reads. Writes linearizable in zxid order, each read equal to the state at its reply zxid,
// per-session zxids that never go backwards, and the watch-event rules. Info writes are tried absent and
// at each distinct position; the history passes if one placement breaks no rule.

import type { SessionErrorCode } from "../data-tree/index.js";
import { infoCandidates, placements } from "./info-placement.js";
import { checkReadStates } from "./read-state.js";
import { checkSessionOrder } from "./session-order.js";
import type { ZkViolation } from "./violation.js";
import { checkWatchOrder } from "./watch-order.js";
import { checkWriteOrder, type PlacedWrite } from "./write-order.js";
import { replayWrites, type WriteToReplay } from "./write-replay.js";
import { isWrite } from "./zk-call.js";
import type { ZkRecord } from "./zk-history.js";
import { errorOf, parseZkHistory, type ZkOperation, type ZkParsed } from "./zk-operation.js";

export type ZkCheckOptions = {
  /** How many placements of info writes to try before giving up (default 4096). */
  readonly placementsMax?: number;
};

export type ZkCheckResult = {
  readonly valid: boolean;
  /** Empty when valid; otherwise those of the placement with the fewest violations. */
  readonly violations: readonly ZkViolation[];
  readonly operationCount: number;
  readonly eventCount: number;
  /** How many placements of info writes were tried; `exhausted` when the limit cut the search. */
  readonly placementsTried: number;
  readonly exhausted: boolean;
  /** For a valid history: the zxid each info write was placed at (null: never took effect). */
  readonly infoPlacement: readonly { readonly index: number; readonly zxid: number | null }[];
};

const PLACEMENTS_MAX_DEFAULT = 4096;

function sessionErrorOf(op: ZkOperation): SessionErrorCode | undefined {
  const error = errorOf(op);
  return error === "SESSIONEXPIRED" || error === "SESSIONMOVED" ? error : undefined;
}

function toReplay(placed: PlacedWrite): WriteToReplay | undefined {
  const { call } = placed.op;
  if (!isWrite(call)) return undefined;
  const sessionError = sessionErrorOf(placed.op);
  const base = { call, session: placed.op.session, zxid: placed.zxid };
  return sessionError === undefined ? base : { ...base, sessionError };
}

/** Runs every rule with the info writes placed as given. */
export function checkPlacement(parsed: ZkParsed, effective: readonly PlacedWrite[]): ZkViolation[] {
  const seen = new Set<number>();
  const writes: WriteToReplay[] = [];
  for (const placed of effective) {
    const write = toReplay(placed);
    if (write === undefined || seen.has(write.zxid)) continue;
    seen.add(write.zxid);
    writes.push(write);
  }
  const timeline = replayWrites(writes);
  const { operations, events } = parsed;
  return [
    ...checkWriteOrder(operations, effective, timeline),
    ...checkReadStates(operations, timeline),
    ...checkSessionOrder(operations),
    ...checkWatchOrder(operations, events, timeline),
  ];
}

export function checkZooKeeper(
  records: readonly ZkRecord[],
  options: ZkCheckOptions = {},
): ZkCheckResult {
  const parsed = parseZkHistory(records);
  const { operations } = parsed;
  const writes = operations.filter((op) => isWrite(op.call));
  const answered: PlacedWrite[] = writes.flatMap((op) =>
    op.status === "ok" && op.zxid !== null ? [{ op, zxid: op.zxid }] : [],
  );
  const unknown = writes.filter((op) => op.status === "info");
  const eventZxids = parsed.events.flatMap((event) => (event.zxid >= 0 ? [event.zxid] : []));
  const candidates = infoCandidates(unknown, operations, eventZxids);
  const limit = options.placementsMax ?? PLACEMENTS_MAX_DEFAULT;
  let best: readonly ZkViolation[] | undefined;
  let tried = 0;
  const base = { operationCount: operations.length, eventCount: parsed.events.length };
  for (const placement of placements(candidates, limit)) {
    tried++;
    const placed = unknown.flatMap((op, index) => {
      const zxid = placement[index];
      return zxid === null || zxid === undefined ? [] : [{ op, zxid }];
    });
    const violations = checkPlacement(parsed, [...answered, ...placed]);
    if (violations.length === 0) {
      const infoPlacement = unknown.map((op, index) => ({
        index: op.index,
        zxid: placement[index] ?? null,
      }));
      return {
        ...base,
        valid: true,
        violations,
        placementsTried: tried,
        exhausted: false,
        infoPlacement,
      };
    }
    if (best === undefined || violations.length < best.length) best = violations;
  }
  const total = candidates.reduce((product, slots) => product * slots.length, 1);
  return {
    ...base,
    valid: false,
    violations: best ?? [],
    placementsTried: tried,
    exhausted: tried < total,
    infoPlacement: [],
  };
}
