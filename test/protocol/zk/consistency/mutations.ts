// Planted faults, each applied to a valid history from the reference simulator: the ZooKeeper check must
// catch every one. A mutation returns undefined when the history has no place to plant it.
import { decodeCall } from "../../../../protocol/zk/client/index.js";
import {
  isTreeRead,
  readValue,
  replayWrites,
  type Timeline,
  treeAt,
  type ZkCompletion,
  type ZkRecord,
} from "../../../../protocol/zk/consistency/index.js";
import { applyTxn, prepareWrite } from "../../../../protocol/zk/data-tree/index.js";
import type { ClientReadOp } from "../../../../protocol/zk/wire/index.js";
import type { Json } from "../../../../sim/api/index.js";
import type { SimRun } from "./reference-sim.js";

export const mutationKinds = [
  "future-read",
  "discarded-read",
  "zxid-backwards",
  "duplicate-event",
  "reordered-event",
  "lost-write",
] as const;
export type MutationKind = (typeof mutationKinds)[number];

type Read = { readonly at: number; readonly call: ClientReadOp; readonly done: ZkCompletion };

/** The answered tree reads, with the position of their completion. */
function reads(records: readonly ZkRecord[]): Read[] {
  const found: Read[] = [];
  records.forEach((record, at) => {
    if (record.kind !== "complete" || record.type !== "ok") return;
    const invoke = records
      .slice(0, at)
      .findLast((r) => r.kind === "invoke" && r.process === record.process);
    if (invoke?.kind !== "invoke") return;
    const decoded = decodeCall(invoke.f, invoke.value);
    if (!decoded.ok || decoded.value.call !== "op" || !isTreeRead(decoded.value.op)) return;
    found.push({ at, call: decoded.value.op, done: record });
  });
  return found;
}

function replaced(records: readonly ZkRecord[], at: number, record: ZkRecord): ZkRecord[] {
  return records.map((old, index) => (index === at ? record : old));
}

/** A read answered at the zxid of a write that was invoked only after the read had completed. */
function futureRead(run: SimRun): ZkRecord[] | undefined {
  for (const read of reads(run.records)) {
    const later = run.records.findIndex(
      (r, at) =>
        at > read.at &&
        r.kind === "complete" &&
        r.type === "ok" &&
        (r.zxid ?? 0) > (read.done.zxid ?? 0) &&
        isWriteAt(run, at),
    );
    const write = run.records[later];
    if (write?.kind !== "complete" || write.zxid === null) continue;
    const value = readValue(treeAt(run.timeline, write.zxid), read.call, read.done.session);
    return replaced(run.records, read.at, { ...read.done, zxid: write.zxid, value });
  }
  return undefined;
}

function isWriteAt(run: SimRun, at: number): boolean {
  const record = run.records[at];
  return (
    record?.kind === "complete" && run.acknowledged.has(record.zxid ?? -1) && !readAts(run).has(at)
  );
}

function readAts(run: SimRun): ReadonlySet<number> {
  return new Set(reads(run.records).map((read) => read.at));
}

/** A read answered from a state that a never-committed write produced. */
function discardedRead(run: SimRun): ZkRecord[] | undefined {
  for (const read of reads(run.records)) {
    const tree = treeAt(run.timeline, read.done.zxid ?? 0);
    const path = read.call.op === "getEphemerals" ? "/" : read.call.path;
    const ghost = tree.nodes.has(path)
      ? ({ op: "setData", path, data: "discarded", version: -1 } as const)
      : ({ op: "create", path, data: "discarded", acl: [], mode: "persistent" } as const);
    const context = {
      sessionId: 999,
      auth: [],
      zxid: (read.done.zxid ?? 0) + 0.5,
      timeMs: 0,
      extendedTypesEnabled: true,
    };
    const discarded = applyTxn(tree, prepareWrite(tree, [], ghost, context).record).tree;
    const value = readValue(discarded, read.call, read.done.session);
    if (JSON.stringify(value) === JSON.stringify(read.done.value)) continue;
    return replaced(run.records, read.at, { ...read.done, value });
  }
  return undefined;
}

/** A read answered below a zxid its session had already seen, consistently with that older state. */
function zxidBackwards(run: SimRun): ZkRecord[] | undefined {
  for (const read of reads(run.records)) {
    const seen = run.records
      .slice(0, read.at)
      .filter(
        (r): r is ZkCompletion =>
          r.kind === "complete" && r.session === read.done.session && r.zxid !== null,
      )
      .reduce((max, r) => Math.max(max, r.zxid ?? 0), 0);
    if (seen === 0) continue;
    const zxid = seen - 1;
    const value = readValue(treeAt(run.timeline, zxid), read.call, read.done.session);
    return replaced(run.records, read.at, { ...read.done, zxid, value });
  }
  return undefined;
}

function duplicateEvent(run: SimRun): ZkRecord[] | undefined {
  const at = run.records.findIndex((r) => r.kind === "watch-event" && r.zxid >= 0);
  const event = run.records[at];
  if (event === undefined) return undefined;
  return [...run.records.slice(0, at + 1), event, ...run.records.slice(at + 1)];
}

/** Two events of one session with different zxids, delivered in the wrong order. */
function reorderedEvent(run: SimRun): ZkRecord[] | undefined {
  const { records } = run;
  for (let first = 0; first < records.length; first++) {
    const a = records[first];
    if (a?.kind !== "watch-event" || a.zxid < 0) continue;
    const second = records.findIndex(
      (b, at) =>
        at > first && b.kind === "watch-event" && b.session === a.session && b.zxid > a.zxid,
    );
    const b = records[second];
    if (b === undefined) continue;
    return records.map((r, at) => (at === first ? b : at === second ? a : r));
  }
  return undefined;
}

/**
 * An acknowledged write whose effect is lost: its ok answer stays, but every later state lacks it, so
 * later answers (reads and writes) are those of a history without it. Planted only where a later read
 * shows the difference.
 */
function lostWrite(run: SimRun): ZkRecord[] | undefined {
  const acknowledged = run.truth.filter((write) => run.acknowledged.has(write.zxid));
  for (const lost of acknowledged) {
    const without = replayWrites(run.truth.filter((write) => write !== lost));
    const mutated = rewrite(run, without, lost.zxid);
    if (mutated !== undefined) return mutated;
  }
  return undefined;
}

function rewrite(run: SimRun, without: Timeline, lostZxid: number): ZkRecord[] | undefined {
  let changedRead = false;
  const readAt = new Map(reads(run.records).map((read) => [read.at, read]));
  const records = run.records.map((record, at): ZkRecord => {
    if (record.kind !== "complete" || record.zxid === null || record.zxid < lostZxid) return record;
    const read = readAt.get(at);
    if (read !== undefined) {
      const value = readValue(treeAt(without, record.zxid), read.call, record.session);
      changedRead ||= JSON.stringify(value) !== JSON.stringify(record.value);
      return { ...record, value };
    }
    const step = without.steps.find((s) => s.zxid === record.zxid);
    return step === undefined ? record : { ...record, value: step.expected as Json };
  });
  return changedRead ? records : undefined;
}

export function mutate(kind: MutationKind, run: SimRun): ZkRecord[] | undefined {
  switch (kind) {
    case "future-read":
      return futureRead(run);
    case "discarded-read":
      return discardedRead(run);
    case "zxid-backwards":
      return zxidBackwards(run);
    case "duplicate-event":
      return duplicateEvent(run);
    case "reordered-event":
      return reorderedEvent(run);
    case "lost-write":
      return lostWrite(run);
    default:
      throw new Error(`unknown mutation ${String(kind satisfies never)}`);
  }
}
