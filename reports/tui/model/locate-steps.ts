// What locating a violation searches: the run's events, which node stepped in each, and the observations of
// each step; the first step of a node (or of any node, -1) that an event or observation test accepts.
import type { ClientOperation, ReplayEvent, StepObservation } from "./types.js";

export interface LocateContext {
  readonly nodes: readonly string[];
  readonly events: readonly ReplayEvent[];
  readonly stepNode: Int16Array;
  readonly observations: ReadonlyMap<number, readonly StepObservation[]>;
  readonly operations: readonly ClientOperation[];
}

export function firstStep(
  context: LocateContext,
  node: number,
  accept: (event: ReplayEvent) => boolean,
): number | null {
  for (const event of context.events) {
    if ((node < 0 || context.stepNode[event.index] === node) && accept(event)) return event.index;
  }
  return null;
}

export function firstObserved(
  context: LocateContext,
  node: number,
  accept: (observation: StepObservation) => boolean,
  fromStep = 0,
): number | null {
  const steps = [...context.observations.keys()].sort((a, b) => a - b);
  for (const step of steps) {
    if (step < fromStep) continue;
    if (node >= 0 && context.stepNode[step] !== node) continue;
    if (context.observations.get(step)?.some(accept) === true) return step;
  }
  return null;
}
