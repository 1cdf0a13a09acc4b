// Which children a znode can still gain or lose (stat-bounds.ts), as stat-reach.ts does for its counters.
// A later getChildren served at r that lists children C with pzxid p says that, once the walk has decided
// every zxid up to z < p, each name of C not yet there is created, and each child not in C deleted, by a
// txn in (z, p]: an answered write with its zxid there, or an unplaced unanswered write with a slot there.
// When some name has no such write left, that read fails whatever is placed.

import { childNameOf, parentOf } from "../data-tree/index.js";
import type { ClientWriteOp } from "../wire/index.js";
import type { WriteToReplay } from "./write-replay.js";

/** A write that may create or delete a child: answered (writer -1) at `first` = `last`, or unanswered. */
type Maker = { readonly writer: number; readonly first: number; readonly last: number };

type Makers = {
  /** By child name; sequential creates by their name's prefix. */
  readonly creates: Map<string, Maker[]>;
  readonly sequential: Map<string, Maker[]>;
  readonly deletes: Map<string, Maker[]>;
};

/**
 * How many names are in one of two sorted lists and not the other: each child create or delete changes
 * one, so it takes at least that many, and as many more as a multiple of two, to turn one into the other.
 */
export function namesApart(left: readonly string[], right: readonly string[]): number {
  let apart = 0;
  let at = 0;
  let from = 0;
  while (at < left.length && from < right.length) {
    const mine = left[at] as string;
    const theirs = right[from] as string;
    if (mine === theirs) {
      at++;
      from++;
    } else if (mine < theirs) {
      apart++;
      at++;
    } else {
      apart++;
      from++;
    }
  }
  return apart + (left.length - at) + (right.length - from);
}

/** The digits ZooKeeper appends to a sequential node's name. */
const SEQUENCE_DIGITS = 10;

export class ChildReach {
  readonly #makers = new Map<string, Makers>();
  /** A closeSession of no known session could delete any ephemeral: then nothing is said. */
  readonly #unbounded: boolean;
  /** closeSessions by session: they delete the session's ephemerals. */
  readonly #closes = new Map<number, Maker[]>();

  constructor(
    answered: readonly WriteToReplay[],
    infoWrites: readonly Omit<WriteToReplay, "zxid">[],
    candidates: readonly (readonly (number | null)[])[],
  ) {
    this.#unbounded = [...answered, ...infoWrites].some(
      ({ call, session }) => call.op === "closeSession" && session === 0,
    );
    for (const write of answered) {
      this.#add(write.call, write.session, { writer: -1, first: write.zxid, last: write.zxid });
    }
    infoWrites.forEach((write, writer) => {
      const slots = (candidates[writer] ?? []).filter((slot): slot is number => slot !== null);
      if (slots.length === 0) return;
      const maker = { writer, first: Math.min(...slots), last: Math.max(...slots) };
      this.#add(write.call, write.session, maker);
    });
  }

  #add(call: ClientWriteOp, session: number, maker: Maker): void {
    const push = <K>(map: Map<K, Maker[]>, key: K) =>
      map.set(key, [...(map.get(key) ?? []), maker]);
    const ops = call.op === "multi" ? call.ops : [call];
    for (const op of ops) {
      if (op.op === "closeSession") push(this.#closes, session);
      if (op.op !== "create" && op.op !== "delete") continue;
      const parent = parentOf(op.path);
      if (parent === undefined) continue;
      const makers = this.#of(parent);
      const name = childNameOf(op.path);
      if (op.op === "delete") push(makers.deletes, name);
      else push(op.mode.includes("sequential") ? makers.sequential : makers.creates, name);
    }
  }

  #of(parent: string): Makers {
    const known = this.#makers.get(parent);
    if (known !== undefined) return known;
    const made = { creates: new Map(), sequential: new Map(), deletes: new Map() };
    this.#makers.set(parent, made);
    return made;
  }

  /**
   * True when `parent`'s children `now` (sorted), decided up to `after`, can no longer become `shown`
   * (sorted) by `upTo`: the writes for which `unplaced` holds may still take a slot. `ownerOf` names the
   * session owning a child (0 for none).
   */
  falls(
    parent: string,
    after: number,
    now: readonly string[],
    ownerOf: (name: string) => number,
    shown: readonly string[],
    upTo: number,
    unplaced: (writer: number) => boolean,
  ): boolean {
    if (this.#unbounded) return false;
    const makers = this.#makers.get(parent);
    const open = (list: readonly Maker[] | undefined) =>
      list?.some(
        (maker) =>
          maker.last > after && maker.first <= upTo && (maker.writer < 0 || unplaced(maker.writer)),
      ) === true;
    let at = 0;
    let from = 0;
    while (at < now.length || from < shown.length) {
      const child = now[at];
      const wanted = shown[from];
      if (child !== undefined && (wanted === undefined || child < wanted)) {
        // There now, gone by then: a delete, or its session's close.
        const gone = open(makers?.deletes.get(child)) || open(this.#closes.get(ownerOf(child)));
        if (!gone) return true;
        at++;
      } else if (wanted !== undefined && (child === undefined || wanted < child)) {
        const prefix = wanted.slice(0, -SEQUENCE_DIGITS);
        const made =
          open(makers?.creates.get(wanted)) ||
          (/^\d+$/.test(wanted.slice(-SEQUENCE_DIGITS)) && open(makers?.sequential.get(prefix)));
        if (!made) return true;
        from++;
      } else {
        at++;
        from++;
      }
    }
    return false;
  }
}
