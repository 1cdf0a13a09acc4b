// What the timeline shows besides operations: each lane's other identities (processes, sessions in hex,
// servers) for its tooltip, the steps of clients that make no history operations — a recipe's lock holders
// write to a resource and lose connections, which the trace records — as marks on their lanes, and the
// violation with the operations involved.
import { hexSession } from "../../scenarios/systems/labels.js";
import type { TraceLine } from "../run-data/index.js";
import type { ClientOp } from "./client-ops.js";

/** Marks kept per lane: a recipe client's steps are few, but a long run must not embed them all. */
export const MARKS_PER_LANE_MAX = 2_000;

export interface TimelineMarks {
  readonly lane: readonly number[];
  readonly us: readonly number[];
  readonly text: readonly string[];
}

/** Steps too routine to mark: heartbeats, session handshakes, the client library's own timers. */
const ROUTINE =
  /\b(PING|Ping|ping|ConnectRequest|ConnectResponse|SESSIONS)\b|ReplyPacket xid=-2\b|^timer zk-client\//;

function laneOfEntry(entry: TraceLine, lanes: ReadonlyMap<string, number>): number | undefined {
  if (entry.kind === "deliver") {
    const from = /^(\S+)->/.exec(entry.text)?.[1];
    const sender = from === undefined ? undefined : lanes.get(from);
    return sender ?? lanes.get(entry.node);
  }
  return lanes.get(entry.node);
}

/** Trace steps of the lanes named in `markLanes` (clients without history operations). */
export function laneMarks(
  trace: readonly TraceLine[],
  names: readonly string[],
  markLanes: ReadonlySet<string>,
): TimelineMarks {
  const lanes = new Map(
    names.flatMap((name, i) => (markLanes.has(name) ? [[name, i] as const] : [])),
  );
  const marks = { lane: [] as number[], us: [] as number[], text: [] as string[] };
  const counts = new Map<number, number>();
  if (lanes.size === 0) return marks;
  for (const entry of trace) {
    if (entry.kind === "start" || entry.kind === "fsync-done" || ROUTINE.test(entry.text)) continue;
    const lane = laneOfEntry(entry, lanes);
    if (lane === undefined) continue;
    const count = counts.get(lane) ?? 0;
    if (count >= MARKS_PER_LANE_MAX) continue;
    counts.set(lane, count + 1);
    marks.lane.push(lane);
    marks.us.push(Math.round(entry.timeUs));
    marks.text.push(`${entry.node}: ${entry.text}`);
  }
  return marks;
}

/** `c3 — processes 2, 86; sessions 0x30000000001; servers n1, n3`: a lane's identities, said once. */
export function laneInfo(
  names: readonly string[],
  ops: readonly ClientOp[],
  laneOf: readonly number[],
): string[] {
  const seen = names.map(() => ({
    processes: new Set<number>(),
    sessions: new Set<number>(),
    servers: new Set<string>(),
  }));
  ops.forEach((op, i) => {
    const lane = seen[laneOf[i] ?? -1];
    if (lane === undefined) return;
    lane.processes.add(op.process);
    const reply = (op.completion ?? op.invoke) as { session?: unknown; server?: unknown };
    if (typeof reply.session === "number") lane.sessions.add(reply.session);
    if (typeof reply.server === "string") lane.servers.add(reply.server);
  });
  return names.map((name, i) => {
    const lane = seen[i];
    if (lane === undefined || lane.processes.size === 0)
      return `${name} (no history operations: its steps are marked)`;
    const list = <T>(set: Set<T>, show: (v: T) => string) => {
      const values = [...set].slice(0, 6).map(show).join(", ");
      return set.size > 6 ? `${values}, … (${set.size})` : values;
    };
    const parts = [`process ${list(lane.processes, String)}`];
    if (lane.sessions.size > 0) parts.push(`session ${list(lane.sessions, hexSession)}`);
    if (lane.servers.size > 0) parts.push(`server ${list(lane.servers, String)}`);
    return `${name} — ${parts.join("; ")}`;
  });
}
