// Planted faults, each applied to a valid history from the reference simulator: the ZooKeeper check must
// catch every one. A mutation returns undefined when the history has no place to plant it.
import { decodeCall } from "../../../../protocol/zk/client/index.js";
import {
  isTreeRead,
  isWrite,
  readValue,
  replayWrites,
  type Timeline,
  treeAt,
  type ZkCompletion,
  type ZkRecord,
  type ZkWatchEvent,
} from "../../../../protocol/zk/consistency/index.js";
import { applyTxn, prepareWrite } from "../../../../protocol/zk/data-tree/index.js";
import type { WatchEvent } from "../../../../protocol/zk/watches/index.js";
import type { ApplicationOp, ClientReadOp } from "../../../../protocol/zk/wire/index.js";
import type { Json } from "../../../../sim/api/index.js";
import type { SimRun } from "./reference-sim.js";

export const mutationKinds = [
  "future-read",
  "discarded-read",
  "zxid-backwards",
  "duplicate-event",
  "reordered-event",
  "refired-event",
  "lost-write",
] as const;
export type MutationKind = (typeof mutationKinds)[number];

type Read = { readonly at: number; readonly call: ClientReadOp; readonly done: ZkCompletion };

/** The answered tree reads, with the position of their completion. */
function reads(records: readonly ZkRecord[]): Read[] {
  const found: Read[] = [];
  records.forEach((record, at) => {
    if (record.kind !== "complete" || record.type !== "ok") return;
    const call = callAt(records, at);
    if (call === undefined || !isTreeRead(call)) return;
    found.push({ at, call, done: record });
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
  if (record?.kind !== "complete" || !run.acknowledged.has(record.zxid ?? -1)) return false;
  const call = callAt(run.records, at);
  return call !== undefined && isWrite(call);
}

/** The call a completion answers: its process's last invoke before it. */
function callAt(records: readonly ZkRecord[], at: number): ApplicationOp | undefined {
  const record = records[at];
  if (record?.kind !== "complete") return undefined;
  const invoke = records
    .slice(0, at)
    .findLast((r) => r.kind === "invoke" && r.process === record.process);
  if (invoke?.kind !== "invoke") return undefined;
  const decoded = decodeCall(invoke.f, invoke.value);
  return decoded.ok && decoded.value.call === "op" ? decoded.value.op : undefined;
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
 * A one-shot watch fired a second time: after an event, the same session gets the event of a later change on
 * that path as if its watch were still armed, though no read registered it again. Inserted before the
 * session's next registration on the path and its next event at or above the change's zxid, so it breaks
 * no other rule.
 */
function refiredEvent(run: SimRun): ZkRecord[] | undefined {
  const { records } = run;
  for (let first = 0; first < records.length; first++) {
    const event = records[first];
    if (event?.kind !== "watch-event" || event.zxid < 0) continue;
    const again = laterFiring(run.timeline, event);
    if (again === undefined) continue;
    const limit = records.findIndex(
      (r, at) =>
        at > first &&
        ((r.kind === "watch-event" && r.session === event.session && r.zxid >= again.zxid) ||
          rearms(records, at, event)),
    );
    const at = limit < 0 ? records.length : limit;
    // A persistent watch would explain the copy: plant it only where the session holds none.
    if (records.slice(0, at).some((_, before) => addsWatch(records, before, event.session)))
      continue;
    const copy: ZkRecord = { ...event, type: again.type, zxid: again.zxid };
    return [...records.slice(0, at), copy, ...records.slice(at)];
  }
  return undefined;
}

/** The first later txn event on the event's path that the watch it spent would fire. */
function laterFiring(timeline: Timeline, event: ZkWatchEvent): WatchEvent | undefined {
  const types: readonly string[] =
    event.type === "NodeChildrenChanged"
      ? ["NodeChildrenChanged"]
      : ["NodeDataChanged", "NodeDeleted"];
  for (const step of timeline.steps) {
    if (step.zxid <= event.zxid) continue;
    const found = step.events.find((e) => e.path === event.path && types.includes(e.type));
    if (found !== undefined) return found;
  }
  return undefined;
}

function addsWatch(records: readonly ZkRecord[], at: number, session: number): boolean {
  const record = records[at];
  return (
    record?.kind === "complete" &&
    record.session === session &&
    callAt(records, at)?.op === "addWatch"
  );
}

/** Whether the completion at `at` is the event's session registering a watch on its path again. */
function rearms(records: readonly ZkRecord[], at: number, event: ZkWatchEvent): boolean {
  const record = records[at];
  if (record?.kind !== "complete" || record.session !== event.session) return false;
  const call = callAt(records, at);
  if (call === undefined) return false;
  if (call.op === "addWatch") return call.path === event.path;
  return "watch" in call && call.watch === true && call.path === event.path;
}

/**
 * An acknowledged write whose effect is lost: its ok answer stays, but every later state lacks it, so
 * later answers (reads and writes) are those of a history without it. Planted only where a later read
 * shows the difference.
 */
function lostWrite(run: SimRun): ZkRecord[] | undefined {
  // An unanswered write may explain the loss (absent, or placed after the lost one: a delete undoing a
  // create), and then the mutated history is still a valid one: plant only where every write was answered.
  if (run.records.some((record) => record.kind === "complete" && record.type === "info")) {
    return undefined;
  }
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
    case "refired-event":
      return refiredEvent(run);
    case "lost-write":
      return lostWrite(run);
    default:
      throw new Error(`unknown mutation ${String(kind satisfies never)}`);
  }
}
