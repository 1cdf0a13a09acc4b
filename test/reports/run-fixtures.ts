// Run directories for the report tests: a real failing planted-bug run written by `zabsim run`, a small
// hand-made run whose history is not linearizable (a stale read), and a synthetic run of any size.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../bin/main.js";
import { capture } from "../bin/capture.js";

export const PLANTED = { scenario: "crash-loop", bug: "ZOOKEEPER-3911", seed: 1 } as const;

/** `zabsim run crash-loop --bug ZOOKEEPER-3911 --seed 1 --out DIR`: fails ZAB invariants. */
export async function plantedBugRunDir(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "zabsim-report-"));
  const args = ["run", PLANTED.scenario, "--bug", PLANTED.bug, "--seed", String(PLANTED.seed)];
  const code = await main([...args, "--out", out], capture());
  if (code !== 1) throw new Error(`expected the planted bug to fail seed 1, exit code ${code}`);
  return join(out, PLANTED.scenario, `seed-${PLANTED.seed}`);
}

function jsonLines(items: readonly unknown[]): string {
  return items.map((item) => `${JSON.stringify(item)}\n`).join("");
}

export function runJson(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    scenario: "stale-read",
    seed: 7,
    version: "0.1.0",
    bugs: [],
    verdict: "fail",
    verdicts: [
      {
        check: "linearizability",
        verdict: "fail",
        violations: [{ check: "linearizability", message: "read 0 after write 1 completed" }],
        message: "client history against cas-register",
      },
    ],
    violations: [{ check: "linearizability", message: "read 0 after write 1 completed" }],
    trace_hash: "00000000deadbeef",
    stats: { events: 6, sim_time_us: 10_000 },
    repro: "npx zabsim run stale-read --seed 7",
    ...fields,
  };
}

/** A follower serves a stale read: process 1 reads 0 after process 0's write of 1 completed. */
export function staleReadRunDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "zabsim-stale-"));
  const history = [
    { process: 0, type: "invoke", f: "write", value: 1, time: 1_000_000 },
    {
      process: 0,
      type: "ok",
      f: "write",
      value: 1,
      time: 2_000_000,
      zxid: 2 ** 32 + 1,
      server: "n1",
    },
    { process: "nemesis", type: "info", f: "crash", value: "n1", time: 2_500_000 },
    { process: 1, type: "invoke", f: "read", value: null, time: 3_000_000 },
    { process: 1, type: "ok", f: "read", value: 0, time: 4_000_000, server: "n2" },
    { process: "nemesis", type: "info", f: "restart", value: "n1", time: 6_000_000 },
  ];
  const trace = [
    { index: 0, timeUs: 0, node: "n1", kind: "start", text: "start zab (incarnation 0)" },
    { index: 1, timeUs: 0, node: "n2", kind: "start", text: "start zab (incarnation 0)" },
    {
      index: 2,
      timeUs: 1_200,
      node: "n2",
      kind: "deliver",
      text: "n1->n2 PROPOSAL zxid=0x100000001",
    },
    { index: 3, timeUs: 1_500, node: "n1", kind: "deliver", text: "n2->n1 ACK zxid=0x100000001" },
    { index: 4, timeUs: 2_500, node: "", kind: "nemesis", text: "crash n1" },
    { index: 5, timeUs: 6_000, node: "", kind: "nemesis", text: "restart n1" },
  ];
  writeFileSync(join(dir, "run.json"), `${JSON.stringify(runJson(), null, 2)}\n`);
  writeFileSync(join(dir, "history.jsonl"), jsonLines(history));
  writeFileSync(join(dir, "trace.jsonl"), jsonLines(trace));
  return dir;
}

/** A deterministic pseudo-random sequence (an LCG), so the synthetic run is the same every time. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `opCount` client operations by 50 clients over 5 servers, with crashes every 2 s and a busy trace. */
export function syntheticRunDir(opCount: number): string {
  const dir = mkdtempSync(join(tmpdir(), "zabsim-large-"));
  const random = lcg(42);
  const clients = 50;
  const history: Record<string, unknown>[] = [];
  const nextFree = Array.from({ length: clients }, () => 0);
  const pending: { process: number; endNs: number; f: string; value: number }[] = [];
  let timeNs = 0;
  for (let i = 0; i < opCount; i++) {
    timeNs += Math.floor(random() * 400_000);
    const process = i % clients;
    const startNs = Math.max(timeNs, nextFree[process] ?? 0);
    const durationNs = 200_000 + Math.floor(random() * random() * 40_000_000);
    nextFree[process] = startNs + durationNs + 1;
    const f = random() < 0.5 ? "read" : "write";
    history.push({ process, type: "invoke", f, value: f === "write" ? i : null, time: startNs });
    pending.push({ process, endNs: startNs + durationNs, f, value: i });
  }
  const simEndNs = timeNs + 100_000_000;
  for (const op of pending) {
    const roll = random();
    const type = roll < 0.93 ? "ok" : roll < 0.97 ? "fail" : "info";
    const zxid = type === "ok" ? 2 ** 32 * (1 + Math.floor(op.endNs / 2e9)) + op.value : undefined;
    history.push({
      process: op.process,
      type,
      f: op.f,
      value: op.value,
      time: op.endNs,
      ...(zxid === undefined ? {} : { zxid, server: `n${1 + (op.process % 5)}` }),
    });
  }
  for (let at = 1e9; at < simEndNs; at += 2e9) {
    const node = `n${1 + ((at / 2e9) % 5)}`;
    history.push({ process: "nemesis", type: "info", f: "crash", value: node, time: at });
    history.push({ process: "nemesis", type: "info", f: "restart", value: node, time: at + 5e8 });
  }
  history.sort((a, b) => (a.time as number) - (b.time as number));
  writeLargeFiles(dir, history, simEndNs / 1000, opCount);
  return dir;
}

function writeLargeFiles(dir: string, history: readonly unknown[], endUs: number, opCount: number) {
  const trace: unknown[] = [1, 2, 3, 4, 5].map((n, index) => ({
    index,
    timeUs: 0,
    node: `n${n}`,
    kind: "start",
    text: "start zab (incarnation 0)",
  }));
  for (let i = 0; trace.length < 20_000; i++) {
    const to = 2 + (i % 4);
    const timeUs = Math.floor((i * endUs) / 20_000);
    const zxid = (2 ** 32 + i).toString(16);
    trace.push({
      index: trace.length,
      timeUs,
      node: `n${to}`,
      kind: "deliver",
      text: `n1->n${to} PROPOSAL zxid=0x${zxid}`,
    });
  }
  const run = runJson({
    scenario: "synthetic-large",
    seed: 1,
    verdict: "fail",
    verdicts: [
      {
        check: "zab-invariants",
        verdict: "fail",
        violations: [
          {
            check: "Agreement",
            message: "after 0x100000010: n1 delivered 0x100000011, n2 delivered 0x100000012",
          },
        ],
        message: "synthetic",
      },
    ],
    violations: [
      {
        check: "Agreement",
        message: "after 0x100000010: n1 delivered 0x100000011, n2 delivered 0x100000012",
      },
    ],
    stats: { events: trace.length, sim_time_us: Math.round(endUs), client_ops: opCount },
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "run.json"), `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(join(dir, "history.jsonl"), jsonLines(history));
  writeFileSync(join(dir, "trace.jsonl"), jsonLines(trace));
}

export const ZK_PLANTED = {
  scenario: "zk-leader-crash-loop",
  bug: "ZOOKEEPER-3911",
  seed: 40,
} as const;

/** `zabsim run zk-leader-crash-loop --bug ZOOKEEPER-3911 --seed 40 --out DIR`: fails ZooKeeper consistency. */
export async function zkConsistencyRunDir(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "zabsim-report-zk-"));
  const { scenario, bug, seed } = ZK_PLANTED;
  const code = await main(
    ["run", scenario, "--bug", bug, "--seed", String(seed), "--out", out],
    capture(),
  );
  if (code !== 1)
    throw new Error(`expected ${scenario} --bug ${bug} to fail seed ${seed}, exit ${code}`);
  return join(out, scenario, `seed-${seed}`);
}
