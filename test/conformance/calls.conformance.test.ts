// Differential test of the calls node-zookeeper-client cannot send — checkWatches, removeWatches, whoAmI,
// multiRead — and of null data and jute.maxbuffer: a real ZooKeeper 3.8 driven over jute
// (jute-client.ts, with the Java client's watch bookkeeping) against the simulated service, both sessions
// on one server as with the real standalone one. Outcomes (zxids relative to the sequence root's) and the
// watch events each session receives must be equal.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CallOp, callScenarios, callSequenceArb } from "./calls-ops.js";
import { collectEvents, emptyWatches, type RealCallSession, runRealCall } from "./calls-real.js";
import { runSimCall } from "./calls-sim.js";
import { canonical, relativeZxids } from "./compare.js";
import { JuteSession } from "./jute-client.js";
import type { ReceivedEvent, SessionLabel } from "./ops.js";
import { SimService } from "./sim-driver.js";
import { realServerOfFile } from "./zk-server.js";

const RANDOM_SEED = Number(process.env.ZK_CONFORMANCE_SEED ?? 20260501);
/** Random call sequences; defaults to a fifth of ZK_CONFORMANCE_RUNS (500). */
const CALL_RUNS = Math.ceil(Number(process.env.ZK_CONFORMANCE_RUNS ?? 500) / 5);

let sequence = 0;
const totals = { compared: 0, events: 0, mismatches: [] as string[] };
const realPort = realServerOfFile(() => {
  console.log(
    `calls: ${totals.compared} operations compared, ${totals.events} watch events compared, ` +
      `${totals.mismatches.length} mismatches`,
  );
  for (const mismatch of totals.mismatches.slice(0, 20)) console.log(mismatch);
});

const labels: readonly SessionLabel[] = ["A", "B"];

/** Two real sessions; `step` runs an op, `settle` does a round trip on each and returns the events. */
async function realSide(port: number, root: string) {
  const sessions = new Map<SessionLabel, RealCallSession>();
  const owners = new Map<bigint, string>();
  const received: ReceivedEvent[] = [];
  for (const label of labels) {
    const jute = new JuteSession("127.0.0.1", port);
    await jute.connect();
    const name = `${label}1`;
    owners.set(jute.sessionId, name);
    sessions.set(label, { label, jute, watches: emptyWatches(), name });
  }
  const ctx = { root, owners, received };
  const sessionOf = (label: SessionLabel): RealCallSession => {
    const session = sessions.get(label);
    if (session === undefined) throw new Error(`no session ${label}`);
    return session;
  };
  const settle = async (): Promise<ReceivedEvent[]> => {
    for (const session of sessions.values()) {
      await runRealCall(session, { op: "exists", s: session.label, path: "/", watch: false }, ctx);
      collectEvents(session, received);
    }
    return received.splice(0);
  };
  return {
    step: (op: CallOp) => runRealCall(sessionOf(op.s), op, ctx),
    settle,
    end: async () => {
      for (const label of labels) await sessionOf(label).jute.close();
    },
  };
}

function simSide(root: string) {
  const service = new SimService({ servers: 3, clientsOnFirstServer: true });
  service.root = root;
  for (const label of labels) service.open(label);
  return {
    step: (op: CallOp) => runSimCall(service, op, root),
    settle: () => [...service.settle()],
    end: () => {
      for (const label of labels) service.close(label);
    },
  };
}

/** Events per receiving session in the order it received them; sessions have no order between them. */
function bySession(events: readonly ReceivedEvent[]): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const event of events) {
    grouped[event.session] = [...(grouped[event.session] ?? []), `${event.type} ${event.path}`];
  }
  return grouped;
}

async function compareCalls(name: string, ops: readonly CallOp[]): Promise<string[]> {
  sequence += 1;
  const root = `/calls${sequence}`;
  const real = await realSide(realPort(), root);
  const sim = simSide(root);
  const createRoot: CallOp = { op: "create", s: "A", path: "", data: "" };
  const realRoot = await real.step(createRoot);
  const simRoot = sim.step(createRoot);
  const realCzxid = realRoot.stat?.czxid ?? 0;
  const simCzxid = simRoot.stat?.czxid ?? 0;
  await real.settle();
  sim.settle();
  const mismatches: string[] = [];
  for (const [index, op] of ops.entries()) {
    const realOutcome = relativeZxids(await real.step(op), realCzxid);
    const realEvents = await real.settle();
    const simOutcome = relativeZxids(sim.step(op), simCzxid);
    const simEvents = sim.settle();
    totals.compared += 1;
    totals.events += Math.max(realEvents.length, simEvents.length);
    const realText = canonical({ outcome: realOutcome, events: bySession(realEvents) });
    const simText = canonical({ outcome: simOutcome, events: bySession(simEvents) });
    if (realText !== simText) {
      mismatches.push(
        `${name} #${index} ${canonical(op)}\n  real: ${realText}\n  sim:  ${simText}`,
      );
    }
  }
  await real.end();
  sim.end();
  totals.mismatches.push(...mismatches);
  return mismatches;
}

describe("calls node-zookeeper-client cannot send: simulated service vs real ZooKeeper 3.8", () => {
  for (const scenario of callScenarios) {
    it(scenario.name, async () => {
      expect(await compareCalls(scenario.name, scenario.ops)).toEqual([]);
    }, 120_000);
  }

  it(`random call sequences (seed ${RANDOM_SEED}, ${CALL_RUNS} runs) give equal outcomes and events`, async () => {
    const sequences = fc.sample(callSequenceArb, { seed: RANDOM_SEED, numRuns: CALL_RUNS });
    const mismatches: string[] = [];
    for (const [index, ops] of sequences.entries()) {
      mismatches.push(...(await compareCalls(`random #${index} (seed ${RANDOM_SEED})`, ops)));
    }
    expect(mismatches).toEqual([]);
  }, 900_000);
});
