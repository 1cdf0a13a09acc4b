// Loads a replay: reads the source, re-runs it through the scenario runner with the step recorder, and for a
// run directory checks that the re-run reproduces the recorded trace. Then picks the starting view.

import { parseGoto, type ReplayRun } from "../../reports/tui/model/index.js";
import { reduceKey } from "../../reports/tui/state/keys.js";
import { initialView, type ViewState } from "../../reports/tui/state/view-state.js";
import { UsageError } from "../cli-io.js";
import { captureReplay } from "./capture.js";
import type { ReplaySource } from "./replay-source.js";
import { verifyReplay } from "./verify.js";

export async function openReplay(source: ReplaySource): Promise<ReplayRun> {
  const { run, scenarioRun } = await captureReplay(
    source.scenario,
    source.seed,
    source.label,
    source.app,
    source.recorded?.violations ?? [],
  );
  if (source.recorded !== null)
    verifyReplay(source.recorded, scenarioRun.traceHash, scenarioRun.trace);
  if (run.events.length === 0)
    throw new UsageError(`${source.label}: the run has no events to replay`);
  return run;
}

/** The view at `--goto`: `v` for the first violation, else a step or a time. */
export function startingView(run: ReplayRun, goto: string | null): ViewState {
  const view = initialView();
  if (goto === null) return view;
  if (goto === "v") return reduceKey(run, view, "v");
  const step = parseGoto(run, goto);
  if (step === null)
    throw new UsageError(`--goto expects v, a step (1234) or a time (1.5s, 250ms), got '${goto}'`);
  return { ...view, step };
}
