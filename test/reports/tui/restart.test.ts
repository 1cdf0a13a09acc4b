// At a restart step of a real run (partition-crash seed 1, where nodes crash and restart), the restarted node
// shows the fresh state its start gave it, not its role from before the crash; its detail view says so.
import { beforeAll, describe, expect, it } from "vitest";
import { openReplay } from "../../../bin/replay/open-replay.js";
import { detailLines, type ReplayRun, serverRow } from "../../../reports/tui/model/index.js";
import { renderScreen } from "../../../reports/tui/render-screen.js";
import { initialView } from "../../../reports/tui/state/view-state.js";
import { builtInScenario } from "../../../scenarios/catalog/index.js";

let run: ReplayRun;

beforeAll(async () => {
  const scenario = builtInScenario("partition-crash");
  if (scenario === undefined) throw new Error("no built-in scenario partition-crash");
  run = await openReplay({
    scenario,
    seed: 1,
    label: "partition-crash --seed 1",
    recorded: null,
    app: null,
  });
});

describe("a restarted node in a real run", () => {
  it("shows its fresh start at the restart step, where it showed its pre-crash role before", () => {
    const restarts = run.events.filter(
      (e) => e.kind === "nemesis" && e.text.startsWith("restart "),
    );
    expect(restarts.length).toBeGreaterThan(0);
    for (const restart of restarts) {
      const name = restart.text.slice("restart ".length);
      const k = run.nodes.indexOf(name);
      const start = run.events[restart.index + 1];
      // The kernel boots the node within the restart; the trace records its start right after.
      expect(start).toMatchObject({ node: name, kind: "start", timeUs: restart.timeUs });
      const row = serverRow(run, k, restart.index);
      expect(row.status).toBe("up");
      expect(row.summary).toEqual(run.summaries[start?.index ?? -1]);
      expect(detailLines(run, restart.index, k).title).toContain(
        `state after step #${start?.index} (its restart)`,
      );
    }
  });

  it("puts the fresh role on the screen", () => {
    const restart = run.events.find((e) => e.kind === "nemesis" && e.text.startsWith("restart "));
    const name = restart?.text.slice("restart ".length) ?? "";
    const fresh = run.summaries[(restart?.index ?? 0) + 1]?.role ?? "";
    const text = renderScreen(
      run,
      { ...initialView(), step: restart?.index ?? 0 },
      { columns: 80, rows: 24 },
    );
    expect(text).toMatch(new RegExp(`${name}\\s+● up\\s+${fresh}`));
  });
});
