// The ZooKeeper consistency check (DESIGN.md checkers §2; reference §2): what ZooKeeper promises, not
// linearizable reads. Writes linearizable in zxid order, each read equal to the state at its reply zxid,
// per-session zxids that never go backwards, and the watch-event rules. Info writes are tried absent, then
// placed at their candidate zxids by an incremental search (placement-search.ts); the history passes if one
// placement breaks no rule.

import type { ZkVersion } from "../../zab/index.js";
import type { SessionErrorCode } from "../data-tree/index.js";
import { searchByComponent } from "./component-search.js";
import { REMEMBERED_ZNODES_MAX } from "./failed-states.js";
import { infoCandidates } from "./info-placement.js";
import { withUnseenData } from "./interchangeable.js";
import { deriveEventZxids } from "./notification-zxids.js";
import { placementComponents } from "./placement-components.js";
import { type SearchInput, STEPS_PER_PLACEMENT, searchPlacements } from "./placement-search.js";
import { readStateProbes } from "./read-state.js";
import { checkSessionOrder } from "./session-order.js";
import type { ZkViolation } from "./violation.js";
import { checkWatchOrder } from "./watch-order.js";
import { type WatchUse, watchUseOf } from "./watch-registrations.js";
import { checkAnsweredWriteOrder, checkWriteOrder, type PlacedWrite } from "./write-order.js";
import { replayWrites, type WriteToReplay } from "./write-replay.js";
import { isWrite } from "./zk-call.js";
import type { ZkRecord } from "./zk-history.js";
import { errorOf, parseZkHistory, type ZkOperation, type ZkParsed } from "./zk-operation.js";

export type ZkCheckOptions = {
  /** How many placements of info writes to try before giving up (default 4096). */
  readonly placementsMax?: number;
  /**
   * Search the independent parts of the history apart first (component-search.ts; default true). Off,
   * only the search over the whole history runs: the differential test compares the two.
   */
  readonly split?: boolean;
  /**
   * Let later reads' Stats cut the search early (stat-bounds.ts; default true). Off only for the
   * differential test that shows the cut never changes a verdict.
   */
  readonly statBounds?: boolean;
  /**
   * Offer one of each group of interchangeable unanswered writes at a slot (interchangeable.ts; default
   * true). Off only for the differential test that shows it never changes a verdict.
   */
  readonly interchange?: boolean;
  /**
   * The release line of the server that made the history (default "3.9"). A 3.8 server sends every watch
   * event with zxid -1, so the events' zxids are derived per placement (notification-zxids.ts); and it lets a
   * session's later registration on a path replace an earlier one's mode (ZOOKEEPER-4466), so such a pair
   * owes no events (watch-order.ts).
   */
  readonly zkVersion?: ZkVersion;
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

/**
 * Runs every rule with the info writes placed as given; `use` is the placement-free watch analysis, null for
 * a 3.8 history, whose events get their zxids from the placement's timeline first.
 */
export function checkPlacement(
  parsed: ZkParsed,
  effective: readonly PlacedWrite[],
  use: WatchUse | null,
  version: ZkVersion = "3.9",
): ZkViolation[] {
  const seen = new Set<number>();
  const writes: WriteToReplay[] = [];
  for (const placed of effective) {
    const write = toReplay(placed);
    if (write === undefined || seen.has(write.zxid)) continue;
    seen.add(write.zxid);
    writes.push(write);
  }
  const { operations } = parsed;
  const reads = readStateProbes(operations);
  const timeline = replayWrites(writes, reads.probes);
  const judged = use === null ? { ...parsed, events: deriveEventZxids(parsed, timeline) } : parsed;
  return [
    ...checkWriteOrder(operations, effective, timeline),
    ...reads.violations(timeline),
    ...checkSessionOrder(operations),
    ...checkWatchOrder(
      judged,
      timeline,
      use ?? watchUseOf(operations, judged.events, true),
      version,
    ),
  ];
}

export function checkZooKeeper(
  records: readonly ZkRecord[],
  options: ZkCheckOptions = {},
): ZkCheckResult {
  const parsed = parseZkHistory(records);
  const { operations, events } = parsed;
  const version = options.zkVersion ?? "3.9";
  // Without the events' zxids (3.8) the watch analysis needs a placement's txns: it is made per placement.
  const use = version === "3.8" ? null : watchUseOf(operations, events);
  const writes = operations.filter((op) => isWrite(op.call));
  const answered: PlacedWrite[] = writes.flatMap((op) =>
    op.status === "ok" && op.zxid !== null ? [{ op, zxid: op.zxid }] : [],
  );
  const unknown = writes.filter((op) => op.status === "info");
  const placedOf = (placement: readonly (number | null)[]): PlacedWrite[] =>
    unknown.flatMap((op, index) => {
      const zxid = placement[index];
      return zxid === null || zxid === undefined ? [] : [{ op, zxid }];
    });
  const judge = (placement: readonly (number | null)[]) =>
    checkPlacement(parsed, [...answered, ...placedOf(placement)], use, version);
  const base = { operationCount: operations.length, eventCount: events.length };
  const valid = (placement: readonly (number | null)[], tried: number): ZkCheckResult => ({
    ...base,
    valid: true,
    violations: [],
    placementsTried: tried,
    exhausted: false,
    infoPlacement: unknown.map((op, index) => ({
      index: op.index,
      zxid: placement[index] ?? null,
    })),
  });
  const invalid = (violations: readonly ZkViolation[], tried: number, exhausted: boolean) => ({
    ...base,
    valid: false,
    violations,
    placementsTried: tried,
    exhausted,
    infoPlacement: [],
  });
  // The recorder's hints (ZkCompletion.committed) first when there are any: judged like any placement, so
  // they only save work — on a long run the all-absent placement fails thousands of reads, each explained.
  const hinted = unknown.map((op) => op.committed);
  const hints = hinted.some((zxid) => zxid !== null);
  if (hints && judge(hinted).length === 0) return valid(hinted, 1);
  // The all-absent placement next: most histories pass with it, and its violations are the report.
  const absent = unknown.map(() => null);
  const first = judge(absent);
  const judged = hints ? 2 : 1;
  if (first.length === 0) return valid(absent, judged);
  if (unknown.length === 0 || placementFree(parsed, answered, use).length > 0) {
    return invalid(first, judged, false);
  }
  const interchange = options.interchange ?? true;
  const replayed = unknown.map((op) => infoReplay(op));
  const input: SearchInput = {
    operations,
    events,
    repeatable: use?.persistent ?? [],
    answered: replayedOnce(answered),
    infoWrites: interchange ? withUnseenData(replayed, operations) : replayed,
    candidates: withHints(infoCandidates(unknown, operations, eventZxidsOf(parsed)), hinted),
    judge,
    limit: options.placementsMax ?? PLACEMENTS_MAX_DEFAULT,
    statBounds: options.statBounds ?? true,
    memory: { left: REMEMBERED_ZNODES_MAX },
    interchange,
  };
  const split =
    options.split === false ? ({ kind: "cut" } as const) : splitSearch(input, unknown, parsed);
  if (split.kind === "refuted") return invalid(first, judged, false);
  if (split.kind === "found") {
    if (judge(split.placement).length === 0) return valid(split.placement, judged + 1);
  }
  const search = searchPlacements(input);
  const tried = judged + search.judged;
  if (search.found !== undefined) return valid(search.found, tried);
  const best = search.best !== undefined && search.best.length < first.length ? search.best : first;
  return invalid(best, tried, search.cut);
}

/**
 * The search part by part (component-search.ts), within a budget that grows with the history, since every
 * part walks its own positions once even when nothing is left to decide.
 */
function splitSearch(input: SearchInput, unknown: readonly ZkOperation[], parsed: ZkParsed) {
  const components = placementComponents(parsed.operations, parsed.events);
  if (components === undefined) return { kind: "cut" } as const;
  const stepsMax =
    input.limit * STEPS_PER_PLACEMENT + 4 * (input.answered.length + parsed.operations.length);
  return searchByComponent(input, unknown, components, stepsMax);
}

/**
 * The violations no placement of the info writes can remove: then every placement fails, and there is
 * nothing to search.
 */
function placementFree(
  parsed: ZkParsed,
  answered: readonly PlacedWrite[],
  use: WatchUse | null,
): ZkViolation[] {
  return [
    ...checkAnsweredWriteOrder(parsed.operations, answered),
    ...checkSessionOrder(parsed.operations),
    ...(use?.violations ?? []),
  ];
}

/** Each write's hinted zxid among its candidates, right after "absent". */
function withHints(
  candidates: readonly (readonly (number | null)[])[],
  hinted: readonly (number | null)[],
): (readonly (number | null)[])[] {
  return candidates.map((slots, at) => {
    const hint = hinted[at] ?? null;
    return hint === null || slots.includes(hint) ? slots : [null, hint, ...slots.slice(1)];
  });
}

function eventZxidsOf(parsed: ZkParsed): number[] {
  return parsed.events.flatMap((event) => (event.zxid >= 0 ? [event.zxid] : []));
}

/** The answered writes as checkPlacement replays them: the first write of each zxid. */
function replayedOnce(answered: readonly PlacedWrite[]) {
  const seen = new Set<number>();
  return answered.flatMap((placed) => {
    const write = toReplay(placed);
    if (write === undefined || seen.has(write.zxid)) return [];
    seen.add(write.zxid);
    return [{ ...placed, write }];
  });
}

function infoReplay(op: ZkOperation): Omit<WriteToReplay, "zxid"> {
  const write = toReplay({ op, zxid: 0 });
  if (write === undefined) throw new Error("an info write that is no write");
  const { zxid: _zxid, ...rest } = write;
  return rest;
}
