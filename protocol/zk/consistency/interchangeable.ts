// Interchangeable unanswered writes (placement-search.ts). Most unanswered writes are never seen again: no
// answer, read or event shows the data they wrote. Two such writes with the same effect on the tree (the
// same call, data aside, and the same session where the session changes the effect) are interchangeable
// where their slots allow it: when every slot left to one is a slot left to the other, a placement that
// puts the other one here becomes, by swapping the two, a placement with the same states at every zxid,
// so the same verdict. At each slot the walk therefore offers only writers no such twin makes
// unnecessary, which turns the choice of which k of n blind setData writes filled a leader's backlog from
// C(n, k) ways into a few.
//
// The data a write stores matters only where something shows it: a write no operation's output shows the
// data of replays with a stand-in of the same length (the Stat's dataLength still sees it), so the trees
// those writes leave are equal too, and a state the walk has refuted is recognised whichever of them
// made it.

import type { Json } from "../../../sim/api/index.js";
import type { MultiOp } from "../data-tree/index.js";
import type { ClientWriteOp } from "../wire/index.js";
import { accessOf, conflict } from "./commuting.js";
import type { WriteToReplay } from "./write-replay.js";
import type { ZkOperation } from "./zk-operation.js";

type InfoWrite = Omit<WriteToReplay, "zxid">;

/** A stand-in no client value can equal: NUL is not in any data the workloads or the wire carry. */
const standIn = (data: string): string => "\u0000".repeat(data.length);

/** Every string any operation's answer holds: the data values the history shows. */
function shownStrings(operations: readonly ZkOperation[]): Set<string> {
  const shown = new Set<string>();
  const walk = (value: Json | undefined): void => {
    if (typeof value === "string") shown.add(value);
    else if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value !== null && typeof value === "object")
      for (const item of Object.values(value)) walk(item);
  };
  for (const op of operations) walk(op.output);
  return shown;
}

/** The info writes with the data nobody saw replaced by a stand-in of the same length. */
export function withUnseenData(
  infoWrites: readonly InfoWrite[],
  operations: readonly ZkOperation[],
): InfoWrite[] {
  const shown = shownStrings(operations);
  const hide = <T extends ClientWriteOp | MultiOp>(call: T): T => {
    if (call.op !== "create" && call.op !== "setData") return call;
    const { data } = call;
    // Null data reads back as null, which no stand-in may take the place of.
    if (data === null || shown.has(data) || shown.has(standIn(data))) return call;
    return { ...call, data: standIn(data) };
  };
  return infoWrites.map((write) => {
    const { call } = write;
    if (call.op === "multi") {
      const ops = call.ops.map(hide);
      return ops.every((op, at) => op === call.ops[at])
        ? write
        : { ...write, call: { ...call, ops } };
    }
    const hidden = hide(call);
    return hidden === call ? write : { ...write, call: hidden };
  });
}

/** Whether the writing session changes what the write does: an ephemeral's owner, a session's close. */
function sessionMatters(call: ClientWriteOp): boolean {
  if (call.op === "closeSession" || call.op === "multi") return true;
  return call.op === "create" && call.mode.includes("ephemeral");
}

/** Per info write, a key equal for writes with the same effect on any tree. */
function effectKeys(infoWrites: readonly InfoWrite[]): string[] {
  return infoWrites.map(({ call, session, sessionError }) =>
    JSON.stringify([call, sessionMatters(call) ? session : 0, sessionError ?? null]),
  );
}

/** The slots each writer may take, as position indices, ascending. */
function slotsOf(writersAt: readonly (readonly number[])[], count: number): number[][] {
  const at: number[][] = Array.from({ length: count }, () => []);
  writersAt.forEach((writers, index) => {
    for (const writer of writers) at[writer]?.push(index);
  });
  return at;
}

/** The first k with list[k] >= index. */
function firstFrom(list: readonly number[], index: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((list[middle] ?? 0) < index) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A writer's slots from some index on: `list` from `from`. */
type Rest = { readonly writer: number; readonly list: readonly number[]; readonly from: number };

const lengthOf = (rest: Rest): number => rest.list.length - rest.from;

/** Whether every slot left to `inner` is one left to `outer` too (both lists ascending). */
function within(inner: Rest, outer: Rest): boolean {
  let k = outer.from;
  for (let i = inner.from; i < inner.list.length; i++) {
    const slot = inner.list[i] ?? 0;
    while (k < outer.list.length && (outer.list[k] ?? 0) < slot) k++;
    if (outer.list[k] !== slot) return false;
  }
  return true;
}

/**
 * Picks one writer of each interchangeable group among those free to take a slot, and, right after a
 * write in the same run, only writers that conflict with it or come no earlier in the effects' order
 * (commuting.ts).
 */
export class Interchangeable {
  readonly #keys: readonly string[];
  readonly #slots: readonly (readonly number[])[];
  /** Per writer, its effect's place in the order of effects; equal for equal effects. */
  readonly #rank: readonly number[];
  readonly #access: readonly ReturnType<typeof accessOf>[];
  readonly #conflicts = new Map<number, boolean>();

  constructor(infoWrites: readonly InfoWrite[], writersAt: readonly (readonly number[])[]) {
    this.#keys = effectKeys(infoWrites);
    this.#slots = slotsOf(writersAt, infoWrites.length);
    const order = [...new Set(this.#keys)].sort();
    const rankOf = new Map(order.map((key, rank) => [key, rank]));
    this.#rank = this.#keys.map((key) => rankOf.get(key) ?? 0);
    this.#access = infoWrites.map(({ call }) => accessOf(call));
  }

  /** The effect class of a writer, for the walk's memory: what `follows` depends on. */
  rankOf(writer: number): number {
    return this.#rank[writer] ?? -1;
  }

  /** Whether `writer` may take the slot right after the run's slot `previous` took. */
  follows(previous: number, writer: number): boolean {
    const before = this.#rank[previous] ?? 0;
    const after = this.#rank[writer] ?? 0;
    if (after >= before) return true;
    const pair = before * this.#rank.length + after;
    let clash = this.#conflicts.get(pair);
    if (clash === undefined) {
      clash = conflict(this.#access[previous], this.#access[writer]);
      this.#conflicts.set(pair, clash);
    }
    return clash;
  }

  /**
   * `takers`, all free to take the slot at position `index`, less each writer another one with the same
   * effect makes unnecessary: one whose slots from `index` on are all among its own. A placement that
   * uses the dropped writer here becomes, by swapping the two, one that uses the other and leaves the
   * same states. The order of the rest is kept.
   */
  pick(takers: readonly number[], index: number): readonly number[] {
    if (takers.length < 2) return takers;
    const groups = new Map<string, Rest[]>();
    for (const writer of takers) {
      const list = this.#slots[writer] ?? [];
      const key = this.#keys[writer] ?? "";
      const group = groups.get(key) ?? [];
      groups.set(key, group);
      group.push({ writer, list, from: firstFrom(list, index) });
    }
    const dropped = new Set<number>();
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      group.sort((left, right) => lengthOf(left) - lengthOf(right) || left.writer - right.writer);
      const kept: Rest[] = [];
      for (const rest of group) {
        if (kept.some((other) => within(other, rest))) dropped.add(rest.writer);
        else kept.push(rest);
      }
    }
    return dropped.size === 0 ? takers : takers.filter((writer) => !dropped.has(writer));
  }
}
