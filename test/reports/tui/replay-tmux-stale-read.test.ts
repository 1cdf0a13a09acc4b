// End to end in a real terminal, for a ZooKeeper-level failure: `zk-stale-read` seed 1 (the README's example)
// fails linearizability because c3 read /k0 from n1, cut off from the leader, after c4's newer write had
// completed. Pressing `v` in `zabsim replay` must land on c3's getData reply at about 2.057 s and show the
// violation's story. A run.json whose violation names no operation (written before the checks did) gets the
// location the checks give, the read's process and the index of its invoke in history.jsonl.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasTmux, recordFailingRun, startReplay, tmux, waitFor } from "./tmux-session.js";

const session = `zabsim-replay-stale-${process.pid}`;
let runDir = "";

interface RecordedAt {
  readonly process?: number;
  readonly historyIndex?: number;
  readonly [field: string]: unknown;
}

/** Gives the violation the location the checks give, when its run.json does not name the operation. */
function locateInRunJson(dir: string): void {
  const file = join(dir, "run.json");
  const run = JSON.parse(readFileSync(file, "utf8"));
  const violation = run.violations[0];
  const at: RecordedAt = violation.at ?? {};
  if (at.historyIndex !== undefined) return;
  const process = Number(/process (\d+)/.exec(violation.message)?.[1]);
  const history = readFileSync(join(dir, "history.jsonl"), "utf8").trim().split("\n");
  const historyIndex = history.findIndex((line) => {
    const entry = JSON.parse(line);
    return entry.process === process && entry.type === "invoke";
  });
  violation.at = { ...at, process, historyIndex };
  writeFileSync(file, JSON.stringify(run));
}

describe.skipIf(!hasTmux)("zabsim replay of a stale read (zk-stale-read seed 1) in tmux", () => {
  beforeAll(() => {
    runDir = recordFailingRun(["zk-stale-read", "--seed", "1"]);
    locateInRunJson(runDir);
    startReplay(session, runDir);
  });

  afterAll(() => {
    if (hasTmux) spawnSync("tmux", ["kill-session", "-t", session]);
  });

  it("lands v on c3's getData reply at about 2.057 s, with the story on screen", async () => {
    const wait = (what: string, test: (text: string) => boolean) =>
      waitFor(what, test, 30_000, session);
    await wait("the replay screen", (t) => t.includes("zabsim replay") && t.includes("step 0/"));
    tmux("send-keys", "-t", session, "v");
    const text = await wait(
      "the violation",
      (t) => /at event #\d+ \(c3's getData reply/.test(t) && !t.includes("step 0/"),
    );
    const event = Number(/at event #(\d+)/.exec(text)?.[1]);
    expect(text).toContain(`step ${event}/`);
    expect(text).toMatch(/t=2\.05\d{4}s/);
    expect(text).toMatch(
      new RegExp(`▶\\s*${event} 2\\.05\\d+ c3 +n1→ ReplyPacket xid=\\d+ zxid=0x[0-9a-f]+`),
    );
    expect(text).toMatch(/◆ ✓ c3 \(process \d+, session 0x[0-9a-f]+\) getData \/k0 → ok "\d+"/);
    const run = JSON.parse(readFileSync(join(runDir, "run.json"), "utf8"));
    const story: string = run.violations[0].story ?? "";
    expect(story).not.toBe("");
    // Its first words, on the pane's first story line.
    expect(text).toContain(story.split(/\s+/).slice(0, 4).join(" "));
    tmux("send-keys", "-t", session, "q");
    await wait("the replay to exit", (t) => t.includes("replay exited 1"));
  });
});
