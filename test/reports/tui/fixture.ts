// A small synthetic replay, built through the same recorder the CLI uses: three nodes, a leader election,
// a write, a crash (a fault), and an Agreement violation that names n2's delivery of zxid 0x100000001.
import {
  type HistoryRecord,
  type RawViolation,
  type ReplayEvent,
  ReplayRecorder,
  type ReplayRun,
  type ServerSummary,
  type StepEnv,
} from "../../../reports/tui/model/index.js";

const NODES = ["n1", "n2", "n3"];
const ZXID = 2 ** 32 + 1;

function env(down: readonly string[] = []): StepEnv {
  return {
    statuses: NODES.map((n) => (down.includes(n) ? "down" : "up")),
    clockOffsetsUs: [0, 0, 0],
    open: [1, 2, 5],
    cuts: [],
  };
}

function summary(role: string, committed: string): ServerSummary {
  return { role, epoch: "1/1", logged: "0x100000001", committed, extra: "bcast" };
}

/** The Agreement violation as an old run.json records it: a message, no `at`. */
export const AGREEMENT: RawViolation = {
  check: "Agreement",
  message: `after 0: n2 delivered ${ZXID}, n3 delivered 8589934593`,
};

export function fixtureRun(violations: readonly RawViolation[] = [AGREEMENT]): ReplayRun {
  const rec = new ReplayRecorder(NODES);
  const events: ReplayEvent[] = [];
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
  for (const n of NODES) add(n, "start", "start zab", summary("LOOKING", "0x0"));
  const elected = add("n1", "timer", "timer fle-finalize", summary("LEADING", "0x0"));
  rec.sent(elected, "n1", "n2", "PROPOSAL zxid=0x100000001");
  rec.sent(elected, "n1", "n3", "PROPOSAL zxid=0x100000001");
  const delivered = add(
    "n2",
    "deliver",
    "n1->n2 PROPOSAL zxid=0x100000001",
    summary("FOLLOWING", "0x100000001"),
  );
  rec.delivered(delivered, "n1", "n2");
  rec.observed(delivered, { kind: "deliver", zxid: ZXID, epoch: 1 });
  const crash = add(null, "nemesis", "crash n3", null, env(["n3"]));
  rec.syncDirection(crash, 0, 2, 0);
  add("n1", "request", "request #1 write 7", summary("LEADING", "0x100000001"), env(["n3"]));
  const history: HistoryRecord[] = [
    { process: 0, type: "invoke", f: "write", value: 7, time: 6_000_000 },
    { process: 0, type: "ok", f: "write", value: 7, time: 6_000_000, zxid: ZXID, server: "n1" },
    { process: 1, type: "invoke", f: "write", value: 8, time: 6_000_000 },
    { process: 1, type: "fail", f: "write", value: 8, time: 6_000_000 },
    { process: 2, type: "invoke", f: "write", value: 9, time: 6_000_000 },
    { process: 2, type: "info", f: "write", value: 9, time: 6_000_000 },
  ];
  return rec.finish({
    meta: {
      scenario: "fixture",
      seed: 1,
      bugs: [],
      verdict: "fail",
      traceHash: "00",
      simTimeUs: 6000,
      source: "test",
    },
    events,
    history,
    violations,
    stateView: (state) => state,
    workload: [0, 1, 2].map((process) => ({ process, client: process })),
  });
}
