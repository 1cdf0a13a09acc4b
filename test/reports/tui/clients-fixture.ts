// A synthetic ZooKeeper-like replay with clients: three servers (n3 crashes and restarts), six clients with
// sessions, client operations (one never answered), an app's note, and a violation with a story that names
// c3's read by its history index and c1's write as involved.
import {
  type ClientSummary,
  type HistoryRecord,
  type RawViolation,
  type ReplayEvent,
  ReplayRecorder,
  type ReplayRun,
  type ServerSummary,
  type StepEnv,
} from "../../../reports/tui/model/index.js";

export const SERVERS = ["n1", "n2", "n3"];
export const CLIENTS = ["c1", "c2", "c3", "c4", "c5", "c6"];
const NODES = [...SERVERS, ...CLIENTS];
export const ZXID = 2 ** 32 + 1;
export const SESSION = 2 ** 40 + 1;

function env(down: readonly string[] = []): StepEnv {
  return {
    statuses: NODES.map((n) => (down.includes(n) ? "down" : "up")),
    clockOffsetsUs: NODES.map(() => 0),
    open: [1, 2, 5],
    cuts: [],
  };
}

function server(role: string): ServerSummary {
  return { role, epoch: "1/1", logged: "0x100000001", committed: "0x100000001", extra: "bcast" };
}

function client(name: string, outstanding = 0): ServerSummary {
  const index = CLIENTS.indexOf(name);
  const summary: ClientSummary = {
    state: "CONNECTED",
    session: `0x${(SESSION + index).toString(16)}`,
    server: SERVERS[index % 3] ?? "n1",
    lastZxid: "0x100000001",
    outstanding,
  };
  return { role: "client", epoch: "", logged: "", committed: "", extra: "", client: summary };
}

/** The story of the fixture's violation: long enough to wrap at 80 columns. */
export const STORY =
  "n1, cut off from the leader since 0.004 s, answered c3's getData /k0 = 1 (served at 0x100000001) after c1's setData /k0 = 2 (0x100000002) had completed; the read missed that write.";

/** Servers start (0-2), clients start (3-8), a write and a read (9-12), a tick, n3 crashes (14) and restarts (15-16). */
function record(rec: ReplayRecorder, events: ReplayEvent[]): void {
  const add = (
    node: string | null,
    kind: ReplayEvent["kind"],
    text: string,
    s: ServerSummary | null,
    e = env(),
  ) => {
    const index = events.length;
    events.push({ index, timeUs: index * 1000, node: node ?? "", kind, text });
    rec.step({
      index,
      node,
      summary: s,
      state: s === null ? undefined : { ...s, step: index },
      env: e,
    });
    return index;
  };
  for (const n of SERVERS)
    add(n, "start", "start zk-server", server(n === "n1" ? "LEADING" : "FOLLOWING"));
  for (const c of CLIENTS) add(c, "start", "start zk-client", client(c));
  const write = add("n1", "request", "request setData", server("LEADING"));
  rec.observed(write, { kind: "commit", zxid: ZXID, epoch: 1 });
  add("c1", "deliver", `n1->c1 ReplyPacket xid=1 zxid=${ZXID + 1} err=OK`, client("c1"));
  add("n1", "request", "request getData", server("LEADING"));
  const read = add(
    "c3",
    "deliver",
    `n1->c3 ReplyPacket xid=1 zxid=${ZXID} err=OK`,
    client("c3", 1),
  );
  rec.observed(read, { kind: "app-note", zxid: null, epoch: null });
  add("n2", "timer", "timer tick", server("FOLLOWING"));
  add(null, "nemesis", "crash n3", null, env(["n3"]));
  events.push({ index: 15, timeUs: 15_000, node: "", kind: "nemesis", text: "restart n3" });
  rec.step({ index: 15, node: null, summary: null, state: undefined, env: env() });
  events.push({ index: 16, timeUs: 15_000, node: "n3", kind: "start", text: "start zk-server" });
  rec.step({
    index: 16,
    node: "n3",
    summary: server("LOOKING"),
    state: { role: "LOOKING" },
    env: env(),
  });
  add("n1", "timer", "timer tick", server("LEADING"));
}

const HISTORY: HistoryRecord[] = [
  { process: 0, type: "invoke", f: "setData", value: { path: "/k0", data: "2" }, time: 9_000_000 },
  {
    process: 0,
    type: "ok",
    f: "setData",
    value: { stat: { mzxid: ZXID + 1 } },
    time: 10_000_000,
    zxid: ZXID + 1,
    server: "n1",
    session: SESSION,
  },
  { process: "nemesis", type: "info", f: "partition-start", value: null, time: 10_500_000 },
  { process: 8, type: "invoke", f: "getData", value: { path: "/k0" }, time: 11_000_000 },
  {
    process: 8,
    type: "ok",
    f: "getData",
    value: { data: "1", stat: { mzxid: ZXID, ephemeralOwner: 0 } },
    time: 12_000_000,
    zxid: ZXID,
    server: "n1",
    session: SESSION + 2,
  },
  { process: 13, type: "invoke", f: "getData", value: { path: "/k1" }, time: 12_000_000 },
];

/** Processes 0 and 8 are c1's and c3's (process = client + 6 · k); 13 is c2's, never answered. */
export const WORKLOAD = [
  { process: 0, client: 0 },
  { process: 8, client: 2 },
  { process: 13, client: 1 },
];

export const STALE_READ: RawViolation = {
  check: "linearizability",
  message: "not linearizable: cannot linearize: process 8 getData (lines 4-5)",
  story: STORY,
  at: { process: 8, historyIndex: 3, involved: [0], client: "c3", timeUs: 12_000 },
};

export function clientsRun(violations: readonly RawViolation[] = [STALE_READ]): ReplayRun {
  const rec = new ReplayRecorder(NODES);
  const events: ReplayEvent[] = [];
  record(rec, events);
  return rec.finish({
    meta: {
      scenario: "clients",
      seed: 1,
      bugs: [],
      verdict: "fail",
      traceHash: "00",
      simTimeUs: 17_000,
      source: "test",
    },
    events,
    history: HISTORY,
    violations,
    stateView: (state) => state,
    workload: WORKLOAD,
  });
}
