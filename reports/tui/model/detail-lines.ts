// What the detail view shows for one node at one step: its full state after its last step at or before it
// (after a restart, the fresh state it started with), as a diff against its step before that
// (state-diff.ts), with a title saying which steps are compared.
import { lastStepOf, stateStepOf } from "./queries.js";
import { type DiffLine, diffStates } from "./state-diff.js";
import type { ReplayRun } from "./types.js";

export interface DetailLines {
  readonly title: string;
  readonly lines: readonly DiffLine[];
}

export function detailLines(run: ReplayRun, step: number, node: number): DetailLines {
  const name = run.nodes[node] ?? "?";
  const down = run.envs[step]?.statuses[node] === "down";
  const last = down ? lastStepOf(run, node, step) : stateStepOf(run, node, step);
  if (last < 0) return { title: `${name}: not started by step ${step}`, lines: [] };
  const previous = lastStepOf(run, node, last - 1);
  const current = down ? undefined : run.stateView(run.states[last]);
  const before = previous < 0 ? undefined : run.stateView(run.states[previous]);
  const since = previous < 0 ? "its start" : `step #${previous}`;
  const restarted = last > step ? " (its restart)" : "";
  const state = down ? "down (volatile state lost)" : `state after step #${last}${restarted}`;
  return { title: `${name} ${state} vs ${since}`, lines: diffStates(before, current) };
}
