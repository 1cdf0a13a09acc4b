// End to end in a real terminal: the built CLI records a failing run of a planted bug (`zabsim run ...
// --bug`), then `zabsim replay RUN_DIR` runs inside tmux; pressing `v` must show the violation, the event it
// points at and every node's state at that step, and `q` must give the terminal back.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUG, SCENARIO } from "./failing-run.js";

const CLI = resolve("dist/bin/zabsim.js");
const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
if (!hasTmux)
  console.warn("replay-tmux.test: tmux is not installed; skipping the terminal end-to-end test");

const session = `zabsim-replay-${process.pid}`;
let runDir = "";

function tmux(...args: string[]): string {
  return execFileSync("tmux", args, { encoding: "utf8" });
}

function screen(): string {
  return tmux("capture-pane", "-p", "-t", session);
}

async function waitFor(
  what: string,
  test: (text: string) => boolean,
  timeoutMs = 30_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = "";
  while (Date.now() < deadline) {
    text = screen();
    if (test(text)) return text;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}; the screen was:\n${text}`);
}

/** Records the first failing seed with the real CLI, as a user would, and returns its run directory. */
function recordFailingRun(): string {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run 'npm run build' (npm test does) first`);
  const out = mkdtempSync(join(tmpdir(), "zabsim-tmux-"));
  const args = [
    "run",
    SCENARIO,
    "--seeds",
    "1..40",
    "--bug",
    BUG,
    "--fail-fast",
    "--json",
    "--out",
    out,
  ];
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
