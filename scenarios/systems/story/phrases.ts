// The pieces stories are made of, worded one way: simulated times, zxids and sessions in hex, an operation in a
// few words with short values, a server with its role and what cut it off, the cluster at a moment.
import type { Json } from "../../../sim/api/index.js";
import { hexSession, hexZxid } from "../labels.js";
import type { RunFacts, StoryOp } from "./run-facts.js";

/** "2.056 s" */
export function timeText(us: number): string {
  return `${(us / 1_000_000).toFixed(3)} s`;
}

/** "6.5 ms", "1.250 s", "850 µs" */
export function durationText(us: number): string {
  const abs = Math.abs(us);
  if (abs >= 1_000_000) return `${(us / 1_000_000).toFixed(3)} s`;
  if (abs >= 1_000) return `${(us / 1_000).toFixed(1)} ms`;
  return `${Math.round(us)} µs`;
}

/** A value cut to a few dozen characters; strings unquoted. */
export function shortValue(value: Json | undefined, max = 40): string {
  if (value === undefined) return "?";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A znode operation's arguments in a few words: `/k0 = 3000016`, `/k0`, `/lock/n- (ephemeral)`. */
function argsText(f: string, value: Json): string {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return shortValue(value);
  const args = value as { readonly [key: string]: Json };
  const path = typeof args.path === "string" ? args.path : "";
  if (f === "multi" && Array.isArray(args.ops)) return `(${args.ops.length} ops)`;
  const data = args.data ?? args.value;
  const parts = [path, data === undefined ? "" : `= ${shortValue(data)}`];
  if (typeof args.mode === "string" && args.mode.toUpperCase() !== "PERSISTENT")
    parts.push(`(${args.mode.toLowerCase()})`);
  const text = parts.filter((p) => p !== "").join(" ");
  return text === "" ? shortValue(value) : text;
}

/** What came back, in a few words: `4000017`, `NONODE`, `ok`. */
export function resultText(op: StoryOp): string {
  if (op.outcome === "open") return "no answer";
  if (op.outcome === "info") return "no answer: timed out";
  const result = op.result;
  if (result === null || typeof result !== "object" || Array.isArray(result))
    return shortValue(result);
  const fields = result as { readonly [key: string]: Json };
  if (typeof fields.error === "string") return fields.error;
  if (fields.data !== undefined) return shortValue(fields.data);
  if (Array.isArray(fields.children)) return `[${shortValue(fields.children.join(","), 30)}]`;
  if (typeof fields.path === "string") return fields.path;
  if (fields.stat !== undefined) return "ok";
  return shortValue(result);
}

const READS: ReadonlySet<string> = new Set([
  "getData",
  "exists",
  "getChildren",
  "getChildren2",
  "read",
]);

/**
 * "c3's getData /k0 = 4000017 (served by n1 at 0x10000002a)", "c2's setData /k0 = 3000016 (0x10000002b, via n3)",
 * "c1's create /q/n- (no answer)".
 */
export function opText(op: StoryOp): string {
  const read = READS.has(op.f);
  const where = op.server === null ? "" : `${read ? "served by" : "via"} ${op.server}`;
  const zxid = op.zxid === null ? "" : `${read ? "at " : ""}${hexZxid(op.zxid)}`;
  const place = (read ? [where, zxid] : [zxid, where])
    .filter((p) => p !== "")
    .join(read ? " " : ", ");
  const head = `${op.client}'s ${op.f} ${argsText(op.f, op.value)}`;
  if (op.outcome === "open" || op.outcome === "info") return `${head} (${resultText(op)})`;
  const answer = read || op.outcome === "fail" ? ` = ${resultText(op)}` : "";
  const failed = op.outcome === "fail" ? " (failed)" : "";
  return `${head}${answer}${failed}${place === "" ? "" : ` (${place})`}`;
}

/** "c3 (process 86, session 0x10000000002)": a client's other identities, for where it is introduced. */
export function clientIntro(op: StoryOp): string {
  const session = op.session === null ? "" : `, session ${hexSession(op.session)}`;
  return `${op.client} (process ${op.process}${session})`;
}

/** "n1 (following, cut off from n2, n3 since 2.000 s)" */
export function serverText(facts: RunFacts, node: string, timeUs: number): string {
  const role = facts.roleAt(node, timeUs);
  const cut = facts.cutOffAt(node, timeUs);
  const cutText =
    cut === null ? "" : `, cut off from ${cut.from.join(", ")} since ${timeText(cut.sinceUs)}`;
  return `${node} (${role}${cutText})`;
}

/** "At 2.056 s: n1 following, cut off from n2, n3 since 2.000 s; n2 leading; n3 following." */
export function clusterText(facts: RunFacts, timeUs: number): string {
  const parts = facts.servers.map((node) => {
    const cut = facts.cutOffAt(node, timeUs);
    const cutText =
      cut === null ? "" : `, cut off from ${cut.from.join(", ")} since ${timeText(cut.sinceUs)}`;
    return `${node} ${facts.roleAt(node, timeUs)}${cutText}`;
  });
  return `At ${timeText(timeUs)}: ${parts.join("; ")}.`;
}
