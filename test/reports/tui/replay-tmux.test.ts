// End to end in a real terminal: the built CLI records failing runs of planted bugs (`zabsim run ... --bug`),
// then `zabsim replay RUN_DIR` runs inside tmux. On a ZAB-invariant failure, pressing `v` must show the
// violation, the event it points at and every node's state at that step, and `q` must give the terminal
// back; on a ZooKeeper-consistency failure, `v` must land on the failing operation's reply at its time, and
// keys sent at once (`send-keys jjj`) must each take effect.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hexIdsInProse } from "../../../reports/tui/model/index.js";
import { clientLabel, workloadClients } from "../../../scenarios/systems/labels.js";
import { BUG, SCENARIO, ZK_BUG, ZK_SCENARIO } from "./failing-run.js";
import { hasTmux, recordFailingRun, startReplay, tmux, waitFor } from "./tmux-session.js";

if (!hasTmux)
  console.warn("replay-tmux.test: tmux is not installed; skipping the terminal end-to-end test");

const session = `zabsim-replay-${process.pid}`;
const zkSession = `zabsim-replay-zk-${process.pid}`;
let runDir = "";
let zkRunDir = "";

describe.skipIf(!hasTmux)("zabsim replay in a real terminal (tmux)", () => {
  beforeAll(() => {
    runDir = recordFailingRun([SCENARIO, "--seeds", "1..40", "--bug", BUG]);
    startReplay(session, runDir);
  });

  afterAll(() => {
    if (hasTmux) spawnSync("tmux", ["kill-session", "-t", session]);
  });

  it("shows the violating event, the operation and every node's state after pressing v", async () => {
    const wait = (what: string, test: (text: string) => boolean) =>
      waitFor(what, test, 30_000, session);
    await wait(
      "the replay screen",
      (text) => text.includes("zabsim replay") && text.includes("step 0/"),
    );
    tmux("send-keys", "-t", session, "v");
    const text = await wait(
      "the violation",
      (t) => /✗ violation 1\/\d+/.test(t) && !t.includes("step 0/"),
    );
    const run = JSON.parse(readFileSync(join(runDir, "run.json"), "utf8"));
    const first = run.violations[0];
    expect(text).toContain(`${first.check}: ${hexIdsInProse(first.message)}`.slice(0, 60));
    const event = /at event #(\d+)/.exec(text)?.[1];
    expect(event).toBeDefined();
    expect(text).toContain(`step ${event}/`);
    expect(text).toMatch(new RegExp(`▶\\s*${event} `));
    for (const node of ["n1", "n2", "n3"])
      expect(text).toMatch(new RegExp(`${node}\\s+[●○‖] (up|down|paused)`));
    expect(text).toMatch(/◆/);
    tmux("send-keys", "-t", session, "q");
    const after = await wait("the replay to exit", (t) => t.includes("replay exited"));
    expect(after).toContain("replay exited 1");
    expect(after).not.toContain("zabsim replay  ");
  });
});

describe.skipIf(!hasTmux)("zabsim replay of a ZooKeeper-consistency failure in tmux", () => {
  beforeAll(() => {
    zkRunDir = recordFailingRun([ZK_SCENARIO, "--seeds", "55..55", "--bug", ZK_BUG]);
    startReplay(zkSession, zkRunDir);
  });

  afterAll(() => {
    if (hasTmux) spawnSync("tmux", ["kill-session", "-t", zkSession]);
  });

  it("lands v on the failing operation's reply at its time, and takes keys sent at once", async () => {
    const wait = (what: string, test: (text: string) => boolean) =>
      waitFor(what, test, 30_000, zkSession);
    await wait("the replay screen", (t) => t.includes("zabsim replay") && t.includes("step 0/"));
    tmux("send-keys", "-t", zkSession, "v");
    const text = await wait(
      "the violation",
      (t) => /at event #\d+ \(c\d+'s/.test(t) && !t.includes("step 0/"),
    );
    const run = JSON.parse(readFileSync(join(zkRunDir, "run.json"), "utf8"));
    const { at } = run.violations[0];
    const client = clientLabel(at.process, workloadClients(run.workload));
    const event = Number(/at event #(\d+) \(c\d+'s/.exec(text)?.[1]);
    expect(text).toContain(
      `at event #${event} (${client}'s setData reply at zxid 0x${at.zxid.toString(16)})`,
    );
    expect(text).toContain(`step ${event}/`);
    expect(text).toContain(`t=${(at.timeUs / 1e6).toFixed(6)}s`);
    expect(text).toMatch(new RegExp(`▶\\s*${event} \\S+ c\\d+ +n\\d→ ReplyPacket`));
    expect(text).toMatch(new RegExp(`◆ ✓ ${client} setData`));
    tmux("send-keys", "-t", zkSession, "jjj");
    await wait("three steps on", (t) => t.includes(`step ${event + 3}/`));
    tmux("send-keys", "-t", zkSession, "q");
    await wait("the replay to exit", (t) => t.includes("replay exited 1"));
  });
});
