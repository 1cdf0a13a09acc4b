// `v` on a ZooKeeper-consistency failure lands on the operation the violation is about: the reply of the
// write whose answer the zxid-order replay contradicts (a recorded run of ZOOKEEPER-3911), not on the first
// event that mentions some zxid of the message (which used to be a Stat field inside it).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openReplay, startingView } from "../../../bin/replay/open-replay.js";
import { runDirSource } from "../../../bin/replay/replay-source.js";
import { detailLines, type ReplayRun } from "../../../reports/tui/model/index.js";
import { renderScreen } from "../../../reports/tui/render-screen.js";
import type { ViewState } from "../../../reports/tui/state/view-state.js";
import { writeZkFailingRunDir } from "./failing-run.js";

interface RecordedViolation {
  readonly check: string;
  readonly message: string;
  readonly at?: { readonly process?: number; readonly zxid?: number; readonly timeUs?: number };
}

let run: ReplayRun;
let view: ViewState;
let first: RecordedViolation;

beforeAll(async () => {
  const { dir } = writeZkFailingRunDir();
  first = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")).violations[0];
  run = await openReplay(runDirSource(dir));
  view = startingView(run, "v");
});

describe("v on a ZooKeeper-consistency failure", () => {
  it("is a write-order violation that names its operation, zxid and time in run.json", () => {
    expect(first.check).toBe("write-order");
    expect(first.at).toMatchObject({
      process: expect.any(Number),
      zxid: expect.any(Number),
      timeUs: expect.any(Number),
    });
  });

  it("lands on that operation's reply: its client's delivery at its completion time", () => {
    const op = run.operations.find((o) => o.process === first.at?.process);
    expect(op?.completeUs).toBe(first.at?.timeUs);
    const event = run.events[view.step];
    expect(view.step).toBe(op?.completeEvent);
    expect(event?.timeUs).toBe(first.at?.timeUs);
    expect(event?.node).toMatch(/^c\d+$/);
    // The event text shows zxids in hex, as ZooKeeper logs them.
    expect(event?.text).toMatch(
      new RegExp(`->${event?.node} ReplyPacket .*zxid=0x${(first.at?.zxid ?? 0).toString(16)}`),
    );
    expect(run.violations[0]?.operations).toEqual([op?.id]);
  });

  it("says so on the screen, with the operation marked", () => {
    const text = renderScreen(run, view, { columns: 120, rows: 40 });
    const zxid = `0x${(first.at?.zxid ?? 0).toString(16)}`;
    const client = run.operations.find((o) => o.process === first.at?.process)?.client;
    expect(client).toMatch(/^c\d+$/);
    expect(text).toContain(`at event #${view.step} (${client}'s setData reply at zxid ${zxid})`);
    expect(text).toMatch(new RegExp(`◆ ✓ ${client} setData`));
    expect(text).toContain(`t=${((first.at?.timeUs ?? 0) / 1e6).toFixed(6)}s`);
  });
});

describe("a ZooKeeper server's detail view", () => {
  it("starts with what its four-letter words (mntr) say at the step: mode, zxid, epoch, connections", () => {
    const server = run.nodes.indexOf("n1");
    const text = detailLines(run, view.step, server)
      .lines.map((line) => line.text)
      .join("\n");
    expect(text.indexOf("mntr")).toBeGreaterThanOrEqual(0);
    expect(text.indexOf("mntr")).toBeLessThan(text.indexOf("zab"));
    for (const field of ["mode", "zxid", "epoch", "connections", "outstanding"])
      expect(text).toMatch(new RegExp(`\\b${field}\\b`));
  });
});
