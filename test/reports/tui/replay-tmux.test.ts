// End to end in a real terminal: the built CLI records failing runs of planted bugs (`zabsim run ... --bug`),
// then `zabsim replay RUN_DIR` runs inside tmux. On a ZAB-invariant failure, pressing `v` must show the
// violation, the event it points at and every node's state at that step, and `q` must give the terminal
// back; on a ZooKeeper-consistency failure, `v` must land on the failing operation's reply at its time, and
// keys sent at once (`send-keys jjj`) must each take effect.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUG, SCENARIO, ZK_BUG, ZK_SCENARIO } from "./failing-run.js";

const CLI = resolve("dist/bin/zabsim.js");
const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
if (!hasTmux)
  console.warn("replay-tmux.test: tmux is not installed; skipping the terminal end-to-end test");

const session = `zabsim-replay-${process.pid}`;
const zkSession = `zabsim-replay-zk-${process.pid}`;
let runDir = "";
let zkRunDir = "";

function tmux(...args: string[]): string {
  return execFileSync("tmux", args, { encoding: "utf8" });
}

function screen(target = session): string {
  return tmux("capture-pane", "-p", "-t", target);
}

async function waitFor(
  what: string,
  test: (text: string) => boolean,
  timeoutMs = 30_000,
  target = session,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = "";
  while (Date.now() < deadline) {
    text = screen(target);
    if (test(text)) return text;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}; the screen was:\n${text}`);
}

/** Records the first failing seed with the real CLI, as a user would, and returns its run directory. */
function recordFailingRun(scenario = SCENARIO, bug = BUG, seeds = "1..40"): string {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run 'npm run build' (npm test does) first`);
  const out = mkdtempSync(join(tmpdir(), "zabsim-tmux-"));
  const args = ["run", scenario, "--seeds", seeds, "--bug", bug, "--fail-fast", "--json"];
  args.push("--out", out);
  const child = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "1" },
  });
  const failing = child.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line))
    .find((r) => r.verdict === "fail");
  if (failing?.run_dir === undefined)
    throw new Error(`no failing seed recorded: ${child.stdout}${child.stderr}`);
  return resolve(failing.run_dir);
}

describe.skipIf(!hasTmux)("zabsim replay in a real terminal (tmux)", () => {
  beforeAll(() => {
    runDir = recordFailingRun();
    // CI=1 as in a CI job: ink would draw nothing before exit, so the command must switch that off.
    const command = `CI=1 NO_COLOR=1 ${process.execPath} ${CLI} replay ${runDir}; echo "replay exited $?"; sleep 60`;
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command);
  });

  afterAll(() => {
    if (hasTmux) spawnSync("tmux", ["kill-session", "-t", session]);
  });

  it("shows the violating event, the operation and every node's state after pressing v", async () => {
    await waitFor(
      "the replay screen",
      (text) => text.includes("zabsim replay") && text.includes("step 0/"),
    );
    tmux("send-keys", "-t", session, "v");
    const text = await waitFor(
      "the violation",
      (t) => /✗ violation 1\/\d+/.test(t) && !t.includes("step 0/"),
    );
    const run = JSON.parse(readFileSync(join(runDir, "run.json"), "utf8"));
    const first = run.violations[0];
    expect(text).toContain(`${first.check}: ${first.message}`.slice(0, 60));
    const event = /at event #(\d+)/.exec(text)?.[1];
    expect(event).toBeDefined();
    expect(text).toContain(`step ${event}/`);
    expect(text).toMatch(new RegExp(`▶\\s*${event} `));
    for (const node of ["n1", "n2", "n3"])
      expect(text).toMatch(new RegExp(`${node}\\s+[●○‖] (up|down|paused)`));
    expect(text).toMatch(/◆/);
    tmux("send-keys", "-t", session, "q");
    const after = await waitFor("the replay to exit", (t) => t.includes("replay exited"));
    expect(after).toContain("replay exited 1");
    expect(after).not.toContain("zabsim replay  ");
  });
});

describe.skipIf(!hasTmux)("zabsim replay of a ZooKeeper-consistency failure in tmux", () => {
  beforeAll(() => {
    zkRunDir = recordFailingRun(ZK_SCENARIO, ZK_BUG, "1..10");
    const command = `CI=1 NO_COLOR=1 ${process.execPath} ${CLI} replay ${zkRunDir}; echo "replay exited $?"; sleep 60`;
    tmux("new-session", "-d", "-s", zkSession, "-x", "120", "-y", "40", command);
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
      (t) => /at event #\d+ \(p\d+'s/.test(t) && !t.includes("step 0/"),
    );
    const run = JSON.parse(readFileSync(join(zkRunDir, "run.json"), "utf8"));
    const { at } = run.violations[0];
    const event = Number(/at event #(\d+) \(p(\d+)'s/.exec(text)?.[1]);
    expect(text).toContain(
      `at event #${event} (p${at.process}'s setData reply at zxid 0x${at.zxid.toString(16)})`,
    );
    expect(text).toContain(`step ${event}/`);
    expect(text).toContain(`t=${(at.timeUs / 1e6).toFixed(6)}s`);
    expect(text).toMatch(new RegExp(`▶\\s*${event} \\S+ c\\d+ +n\\d→ ReplyPacket`));
    expect(text).toMatch(new RegExp(`◆ ✓ p${at.process} setData`));
    tmux("send-keys", "-t", zkSession, "jjj");
    await wait("three steps on", (t) => t.includes(`step ${event + 3}/`));
    tmux("send-keys", "-t", zkSession, "q");
    await wait("the replay to exit", (t) => t.includes("replay exited 1"));
  });
});
