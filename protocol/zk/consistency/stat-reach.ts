// How far a znode's versions can still climb (placement-search.ts, stat-bounds.ts). Only a setData raises
// `version`, and only a child's create or delete raises `cversion` (a closeSession deletes at most the
// ephemerals its session created). So between the zxid the walk has decided up to and the mzxid (or
// pzxid) a later read's Stat shows, a znode gains no more versions than the answered writes with zxids in
// between, plus what the unplaced unanswered writes with a slot there can add, one write per free slot.
// When even that cannot bring it to the versions the Stat shows, the read fails whatever is placed: the
// walk turns back at the slot it left empty, not thousands of guesses later at the read.

import { parentOf } from "../data-tree/index.js";
import type { ClientWriteOp } from "../wire/index.js";
import { firstAbove } from "./info-placement.js";
import type { WriteToReplay } from "./write-replay.js";

/** A znode's counters as of some zxid, or as a later read's Stat shows them with the zxids that set them. */
export type Counters = { readonly version: number; readonly cversion: number };
export type ShownCounters = Counters & { readonly mzxid: number; readonly pzxid: number };

type Raise = { readonly version: number; readonly cversion: number };

/** An unanswered write that may raise the znode's counters, at a slot in [first, last]. */
type Possible = Raise & { readonly writer: number; readonly first: number; readonly last: number };

type ZnodeReach = {
  /** Zxids of answered writes raising `version` (`cversion`), repeated by how much. */
  readonly version: number[];
  readonly cversion: number[];
  /** The candidate slots of its possible writers that no answered write holds, ascending. */
  slots: number[];
  /** By first slot, and their first slots. */
  readonly possible: Possible[];
  firsts: number[];
  /** The widest [first, last] of a possible write, and the most one write raises each counter. */
  span: number;
  most: Raise;
};

export class StatReach {
  readonly #znodes = new Map<string, ZnodeReach>();
  /** Per unanswered write, the znodes whose counters it may raise. */
  readonly #paths: string[][];
  /** A closeSession or ephemeral create of no known session could delete or add any znode's children. */
  readonly #childrenUnbounded: boolean;

  constructor(
    answered: readonly WriteToReplay[],
    infoWrites: readonly Omit<WriteToReplay, "zxid">[],
    candidates: readonly (readonly (number | null)[])[],
  ) {
    const all = [...answered, ...infoWrites];
    this.#childrenUnbounded = all.some(
      ({ call, session }) => session === 0 && closesOrEphemeral(call),
    );
    const ephemerals = ephemeralParents(all);
    for (const write of answered) {
      for (const [path, raise] of raisesOf(write, ephemerals)) {
        const znode = this.#znode(path);
        for (let time = 0; time < raise.version; time++) znode.version.push(write.zxid);
        for (let time = 0; time < raise.cversion; time++) znode.cversion.push(write.zxid);
      }
    }
    const taken = new Set(answered.map((write) => write.zxid));
    this.#paths = infoWrites.map((write, writer) => {
      const slots = (candidates[writer] ?? []).filter(
        (slot): slot is number => slot !== null && !taken.has(slot),
      );
      if (slots.length === 0) return [];
      const first = Math.min(...slots);
      const last = Math.max(...slots);
      const raises = raisesOf(write, ephemerals);
      for (const [path, raise] of raises) {
        const znode = this.#znode(path);
        znode.possible.push({ ...raise, writer, first, last });
        znode.slots.push(...slots);
      }
      return [...raises.keys()];
    });
    for (const znode of this.#znodes.values()) finish(znode);
  }

  #znode(path: string): ZnodeReach {
    const known = this.#znodes.get(path);
    if (known !== undefined) return known;
    const made: ZnodeReach = {
      version: [],
      cversion: [],
      slots: [],
      possible: [],
      firsts: [],
      span: 0,
      most: { version: 0, cversion: 0 },
    };
    this.#znodes.set(path, made);
    return made;
  }

  /** The znodes whose `version` or `cversion` unanswered write `writer` may raise. */
  pathsOf(writer: number): readonly string[] {
    return this.#paths[writer] ?? [];
  }

  /**
   * True when `path`, showing `now` once every zxid up to `after` is decided, can no longer show `shown`:
   * the writes for which `unplaced` holds are those that may still take a slot.
   */
  falls(
    path: string,
    after: number,
    now: Counters,
    shown: ShownCounters,
    unplaced: (writer: number) => boolean,
  ): boolean {
    const znode = this.#znodes.get(path);
    const between = (zxids: readonly number[] | undefined, upTo: number) =>
      zxids === undefined || upTo <= after ? 0 : firstAbove(zxids, upTo) - firstAbove(zxids, after);
    const version =
      shown.mzxid > after ? shown.version - now.version - between(znode?.version, shown.mzxid) : 0;
    const childrenUnbounded = this.#childrenUnbounded || shown.pzxid <= after;
    const cversion = childrenUnbounded
      ? 0
      : shown.cversion - now.cversion - between(znode?.cversion, shown.pzxid);
    if (version <= 0 && cversion <= 0) return false;
    if (znode === undefined) return true;
    const { most, slots } = znode;
    if (version > between(slots, shown.mzxid) * most.version) return true;
    if (cversion > between(slots, shown.pzxid) * most.cversion) return true;
    const upTo = Math.max(shown.mzxid, cversion > 0 ? shown.pzxid : 0);
    const open = openWrites(znode, after, upTo, unplaced);
    if (version > open.version || cversion > open.cversion) return true;
    // One slot, one write: where each write raises each counter by at most one, two counters to raise
    // need a slot each, unless a write raising both takes it.
    if (version <= 0 || cversion <= 0 || most.version > 1 || most.cversion > 1) return false;
    const free = between(slots, upTo);
    return version + cversion > free + Math.min(open.both, free);
  }
}

/** What the unplaced writes with a slot in (after, upTo] can add, and how many raise both counters. */
function openWrites(
  znode: ZnodeReach,
  after: number,
  upTo: number,
  unplaced: (writer: number) => boolean,
): Raise & { both: number } {
  const open = { version: 0, cversion: 0, both: 0 };
  const { possible } = znode;
  // By first slot: those starting after `upTo` are past the end, and none starting before
  // `after - span` still has a slot after `after`.
  let at = firstAbove(znode.firsts, upTo);
  while (--at >= 0) {
    const write = possible[at];
    if (write === undefined || write.first < after - znode.span) break;
    if (write.last <= after || !unplaced(write.writer)) continue;
    open.version += write.version;
    open.cversion += write.cversion;
    if (write.version > 0 && write.cversion > 0) open.both++;
  }
  return open;
}

function finish(znode: ZnodeReach): void {
  znode.version.sort((left, right) => left - right);
  znode.cversion.sort((left, right) => left - right);
  znode.slots = [...new Set(znode.slots)].sort((left, right) => left - right);
  znode.possible.sort((left, right) => left.first - right.first);
  znode.firsts = znode.possible.map((write) => write.first);
  for (const write of znode.possible) {
    znode.span = Math.max(znode.span, write.last - write.first);
    znode.most = {
      version: Math.max(znode.most.version, write.version),
      cversion: Math.max(znode.most.cversion, write.cversion),
    };
  }
}

function closesOrEphemeral(call: ClientWriteOp): boolean {
  const ops = call.op === "multi" ? call.ops : [call];
  return ops.some(
    (op) => op.op === "closeSession" || (op.op === "create" && op.mode.startsWith("ephemeral")),
  );
}

/** Per session, how many ephemeral creates each parent has from it: what its closeSession may delete. */
function ephemeralParents(writes: readonly Pick<WriteToReplay, "call" | "session">[]) {
  const bySession = new Map<number, Map<string, number>>();
  for (const { call, session } of writes) {
    const ops = call.op === "multi" ? call.ops : [call];
    for (const op of ops) {
      const parent = op.op === "create" ? parentOf(op.path) : undefined;
      if (parent === undefined || op.op !== "create" || !op.mode.startsWith("ephemeral")) continue;
      const counts = bySession.get(session) ?? new Map<string, number>();
      counts.set(parent, (counts.get(parent) ?? 0) + 1);
      bySession.set(session, counts);
    }
  }
  return bySession;
}

/** Per znode, how much `write` may raise its counters at most. */
function raisesOf(
  write: Pick<WriteToReplay, "call" | "session">,
  ephemerals: ReadonlyMap<number, ReadonlyMap<string, number>>,
): Map<string, Raise> {
  const raises = new Map<string, Raise>();
  const add = (counter: keyof Raise, path: string | undefined, by = 1) => {
    if (path === undefined) return;
    const known = raises.get(path) ?? { version: 0, cversion: 0 };
    raises.set(path, { ...known, [counter]: known[counter] + by });
  };
  const one = (op: ClientWriteOp) => {
    switch (op.op) {
      case "setData":
        return add("version", op.path);
      case "create":
      case "delete":
        return add("cversion", parentOf(op.path));
      case "closeSession":
        for (const [parent, by] of ephemerals.get(write.session) ?? []) add("cversion", parent, by);
        return;
      case "multi":
        for (const inner of op.ops) if (inner.op !== "check") one(inner);
        return;
      case "setACL":
        return;
      default:
        return op satisfies never;
    }
  };
  one(write.call);
  return raises;
}
