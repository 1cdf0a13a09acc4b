// Lock mutual exclusion judged where it matters, at the protected resource (reference §7 "Pitfall"): a
// lock section is one acquisition (holder, lock node, czxid); the writes the resource accepted must come
// section by section — once a write of another section was accepted, no write of an earlier one may be.

import type { Json, Observation } from "../../../../sim/api/index.js";
import { formatSessionId } from "../../data-tree/index.js";
import {
  hexZxid,
  notesOf,
  type RecipeViolation,
  type RecordedObservation,
  seconds,
} from "./records.js";

interface Section {
  readonly client: string;
  readonly lockPath: string;
  readonly token: number;
}

export function checkLockExclusion(records: readonly RecordedObservation[]): RecipeViolation[] {
  const violations: RecipeViolation[] = [];
  const finished = new Set<string>();
  let current: Section | null = null;
  for (const record of records) {
    const o = record.observation;
    if (o.kind !== "resource-write" || o.accepted !== true) continue;
    const section = sectionOf(o);
    if (current !== null && sectionText(section) === sectionText(current)) continue;
    if (finished.has(sectionText(section))) {
      const other = current === null ? "?" : sectionText(current);
      violations.push({
        check: "lock-exclusion",
        message: `at ${seconds(record.timeUs)} the resource accepted write ${String(o.seq)} of ${sectionText(section)} after writes of ${other}`,
        at: { node: record.node, timeUs: record.timeUs, client: section.client },
        ...(current === null
          ? {}
          : { story: exclusionStory(records, section, current, record.timeUs, o.seq ?? "?") }),
      });
    }
    if (current !== null) finished.add(sectionText(current));
    current = section;
  }
  return violations;
}

function sectionOf(o: Observation): Section {
  return { client: String(o.client), lockPath: String(o.lockPath), token: Number(o.token) };
}

function sectionText(s: Section): string {
  return `${s.client} holding ${s.lockPath} (token ${hexZxid(s.token)})`;
}

/**
 * "lock-1 and lock-2 both held /lock at 8.001 s: the resource accepted lock-1's write 30 after lock-2's
 * writes. lock-1 held it since 1.007 s (...; its session 0x20000000001 was closed at 0x10000000d, 5.101 s,
 * and it learnt of the expiry only at 8.089 s); lock-2 since 5.102 s (...)."
 */
function exclusionStory(
  records: readonly RecordedObservation[],
  late: Section,
  other: Section,
  timeUs: number,
  seq: Json,
): string {
  const root = late.lockPath.slice(0, Math.max(1, late.lockPath.lastIndexOf("/")));
  const head = `${late.client} and ${other.client} both held ${root} at ${seconds(timeUs)}: the resource accepted ${late.client}'s write ${String(seq)} after ${other.client}'s writes.`;
  return `${head} ${holding(records, late, timeUs)}; ${holding(records, other, timeUs)}.`;
}

/** "lock-1 held it since 1.007 s (/lock/lock-1-…, czxid 0x100000005; its session ... )" */
function holding(records: readonly RecordedObservation[], s: Section, beforeUs: number): string {
  const acquired = notesOf(records, "lock").filter(
    (n) => n.client === s.client && n.event === "acquired" && n.fields.lockPath === s.lockPath,
  )[0];
  const since = acquired === undefined ? "" : ` since ${seconds(acquired.timeUs)}`;
  const session = sessionOf(records, s);
  const fate = session === null ? "" : sessionFate(records, s.client, session, beforeUs);
  return `${s.client} held it${since} (${s.lockPath}, czxid ${hexZxid(s.token)}${fate})`;
}

/** The session that created the lock node: the one its create's answer came on. */
function sessionOf(records: readonly RecordedObservation[], s: Section): number | null {
  for (const { node, observation: o } of records) {
    if (node !== s.client || o.kind !== "recipe-reply" || o.f !== "create") continue;
    const value = o.value as { readonly path?: Json } | null;
    if (value?.path === s.lockPath && typeof o.session === "number") return o.session;
  }
  return null;
}

/** "; its session 0x... was closed at 0x10000000d (5.101 s), and it learnt of the expiry only at 8.089 s" */
function sessionFate(
  records: readonly RecordedObservation[],
  client: string,
  session: number,
  beforeUs: number,
): string {
  const closed = records.find(
    ({ observation: o }) =>
      o.kind === "deliver" &&
      (o.value as { txn?: { type?: Json } } | null)?.txn?.type === "closeSession" &&
      (o.value as { header?: { sessionId?: Json } }).header?.sessionId === session,
  );
  const learnt = records.find(
    ({ node, observation: o }) =>
      node === client &&
      o.kind === "session-event" &&
      o.state === "Expired" &&
      o.session === session,
  );
  const text = `; its session ${formatSessionId(session)}`;
  if (closed === undefined || closed.timeUs > beforeUs) return `${text} was still open`;
  const zxid = typeof closed.observation.zxid === "number" ? closed.observation.zxid : 0;
  const when = `was closed at ${hexZxid(zxid)} (${seconds(closed.timeUs)})`;
  const knew =
    learnt === undefined
      ? ", and it never learnt of the expiry"
      : `, and it learnt of the expiry only at ${seconds(learnt.timeUs)}`;
  return `${text} ${when}${knew}`;
}
