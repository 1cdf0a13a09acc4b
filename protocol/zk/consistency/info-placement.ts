// Writes that were sent but never answered (`info`) may or may not have taken effect (reference §2
// "Pending requests on disconnect"). If one did, it took some zxid no answered write holds, after every
// operation that completed before it was invoked. Only the position relative to the observed zxids
// matters, so each info write is either absent or placed at one of the first free zxids of one gap between
// them (as many as there are info writes, so several can share a gap) — or at a zxid that a Stat (czxid,
// mzxid, pzxid) or a watch event revealed and no answered write holds.

import type { Json } from "../../../sim/api/index.js";
import { isWrite } from "./zk-call.js";
import type { ZkOperation } from "./zk-operation.js";

/** For each info write, its candidate zxids (null = it never took effect), absent first. */
export function infoCandidates(
  infoWrites: readonly ZkOperation[],
  operations: readonly ZkOperation[],
  eventZxids: readonly number[] = [],
): readonly (readonly (number | null)[])[] {
  const answered = operations.filter((op) => op.zxid !== null);
  const used = new Set(
    answered.flatMap((op) => (isWrite(op.call) && op.zxid !== null ? [op.zxid] : [])),
  );
  // A watch event reveals the zxid of the change that fired it, as a Stat does.
  const revealed = [
    ...new Set([...operations.flatMap((op) => statZxids(op.output)), ...eventZxids]),
  ].sort((a, b) => a - b);
  const observed = [...new Set(answered.map((op) => op.zxid ?? 0))].sort((a, b) => a - b);
  const lowerOf = (write: ZkOperation) =>
    answered
      .filter((op) => op.returnAt < write.callAt)
      .reduce((max, op) => Math.max(max, op.zxid ?? 0), 0);
  const lowers = infoWrites.map(lowerOf);
  // A session's requests are applied in order: an info write that took effect did so before every later
  // write of its session (a later one sent through another server makes it SESSIONMOVED instead).
  const upperOf = (write: ZkOperation) =>
    write.session === 0
      ? Number.POSITIVE_INFINITY
      : answered
          .filter(
            (op) => op.session === write.session && op.callAt > write.callAt && isWrite(op.call),
          )
          .reduce((min, op) => Math.min(min, op.zxid ?? min), Number.POSITIVE_INFINITY);
  return infoWrites.map((write, writeIndex) => {
    const lower = lowers[writeIndex] ?? lowerOf(write);
    const upper = upperOf(write);
    const bounds = [lower, ...observed.filter((zxid) => zxid > lower)];
    const slots: (number | null)[] = [null];
    for (const zxid of revealed) if (zxid > lower && !used.has(zxid)) slots.push(zxid);
    // Several info writes may land in one gap, each at its own zxid: offer as many free zxids in a gap as
    // there are info writes that may fall into it.
    bounds.forEach((bound, index) => {
      const next = bounds[index + 1] ?? Number.POSITIVE_INFINITY;
      const sharing = lowers.filter((other) => other < next).length;
      let slot = bound;
      for (let offered = 0; offered < sharing; offered++) {
        slot++;
        while (used.has(slot)) slot++;
        if (slot > next) break;
        if (!slots.includes(slot)) slots.push(slot);
      }
    });
    return slots.filter((slot) => slot === null || slot < upper);
  });
}

const STAT_ZXIDS: ReadonlySet<string> = new Set(["czxid", "mzxid", "pzxid"]);

/** Every czxid, mzxid and pzxid in an answer. */
export function statZxids(value: Json | undefined): number[] {
  if (typeof value !== "object" || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item: Json) => statZxids(item));
  return Object.entries(value as { readonly [key: string]: Json }).flatMap(([name, item]) =>
    STAT_ZXIDS.has(name) && typeof item === "number" ? [item] : statZxids(item),
  );
}
