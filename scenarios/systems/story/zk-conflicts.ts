// The operations a ZooKeeper-level story sets against each other, found in the run's facts: the write a
// stale read missed, and how the server that answered stood in the cluster then.
import type { Json } from "../../../sim/api/index.js";
import { durationText, opText, timeText } from "./phrases.js";
import type { RunFacts, StoryOp } from "./run-facts.js";

const WRITES: ReadonlySet<string> = new Set(["create", "delete", "setData", "setACL", "multi"]);

function argsOf(value: Json): { readonly [key: string]: Json } {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as { readonly [key: string]: Json })
    : {};
}

/** The znode an operation names (`/k0`); a multi's sub-ops' paths. */
export function pathsOf(op: StoryOp): string[] {
  const args = argsOf(op.value);
  if (Array.isArray(args.ops)) return args.ops.flatMap((sub) => pathsOf({ ...op, value: sub }));
  const created = argsOf(op.result).path;
  const paths = [args.path, created].filter((p): p is string => typeof p === "string");
  return [...new Set(paths)];
}

function parentOf(path: string): string {
  const cut = path.lastIndexOf("/");
  return cut <= 0 ? "/" : path.slice(0, cut);
}

/** Whether the write changes what a read of `path` returns (its data, its stat or its children). */
function touches(write: StoryOp, path: string): boolean {
  return pathsOf(write).some((p) => p === path || parentOf(p) === path);
}

/**
 * The write a read missed: the last answered write to the read's znode that completed before the read was
 * sent and whose zxid is above the read's reply zxid — the read was served from a state before it.
 */
export function missedWrite(facts: RunFacts, read: StoryOp): StoryOp | undefined {
  const path = pathsOf(read)[0];
  if (path === undefined || read.zxid === null) return undefined;
  const readZxid = read.zxid;
  let missed: StoryOp | undefined;
  for (const op of facts.ops) {
    if (!WRITES.has(op.f) || op.outcome !== "ok" || op.zxid === null) continue;
    if (op.completeUs === null || op.completeUs >= read.invokeUs) continue;
    if (op.zxid <= readZxid || !touches(op, path)) continue;
    if (missed === undefined || (missed.completeUs ?? 0) < op.completeUs) missed = op;
  }
  return missed;
}

/** "c3's getData ... at 2.056 s, 6.5 ms after c2's setData ... had completed" */
export function afterText(read: StoryOp, write: StoryOp): string {
  const gap = read.invokeUs - (write.completeUs ?? read.invokeUs);
  return `${opText(read)}, sent at ${timeText(read.invokeUs)}, ${durationText(gap)} after ${opText(write)} had completed`;
}

/**
 * "n1, cut off from n2, n3 since 2.000 s, still answered reads as a follower while n3 led": how the server
 * that answered stood when it did.
 */
export function servingText(facts: RunFacts, server: string, timeUs: number): string {
  const role = facts.roleAt(server, timeUs);
  const cut = facts.cutOffAt(server, timeUs);
  const leaders = facts.leadersAt(timeUs).filter((leader) => leader !== server);
  const led = leaders.length === 0 ? "" : ` while ${leaders.join(" and ")} led`;
  const as =
    role === "following" || role === "observing"
      ? ` as a ${role.replace(/ing$/, "er")}`
      : ` (${role})`;
  if (cut === null) return `${server} answered${as}${led}`;
  return `${server}, cut off from ${cut.from.join(", ")} since ${timeText(cut.sinceUs)}, still answered${as}${led}`;
}

/** The op's answer time (its invoke time when none came). */
export function whenOf(op: StoryOp): number {
  return op.completeUs ?? op.invokeUs;
}
