// Renders a counterexample as lines of text for a terminal.
import type {
  Counterexample,
  OperationView,
  PartialLinearization,
  StaleReadRefutation,
} from "./counterexample.js";

/** "1 operation", "3 operations". */
function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

export function describeOperation(view: OperationView): string {
  const lines =
    view.returnLine === null
      ? `line ${view.callLine}, never completed`
      : `lines ${view.callLine}-${view.returnLine}`;
  const unknown = view.status === "info" ? ", outcome unknown" : "";
  return `process ${view.process} ${view.op} (${lines}${unknown})`;
}

function partialLines(partial: PartialLinearization, rank: number, initialState: string): string[] {
  const then = partial.stuckRejected
    ? `${partial.stuck.op} is impossible in state ${partial.finalState}`
    : `${partial.stuck.op} applies in state ${partial.finalState} but nothing after it does`;
  const lines = [`  #${rank} ${countOf(partial.length, "operation")} linearized, then ${then}:`];
  lines.push(
    partial.omitted > 0
      ? `       ... ${countOf(partial.omitted, "earlier operation")}`
      : `       start: ${initialState}`,
  );
  for (const step of partial.steps)
    lines.push(`       ${describeOperation(step.op)}  => ${step.state}`);
  lines.push(`       cannot linearize next: ${describeOperation(partial.stuck)}`);
  return lines;
}

/** Why a refuted read cannot be placed in any order: what overwrote its value, and when. */
function refutationLines(refutation: StaleReadRefutation, initialState: string): string[] {
  const { overwrite, lastRestorer } = refutation;
  if (overwrite === null) {
    return [
      `  no order can place it: no operation invoked before it returned could give that value, and the initial state ${initialState} does not hold it`,
    ];
  }
  const source =
    lastRestorer === null
      ? `the initial state ${initialState}`
      : `every operation that could give it had completed (the last: ${describeOperation(lastRestorer)})`;
  return [
    "  no order can place it: the value was overwritten for good before it was invoked, by",
    `    ${describeOperation(overwrite)},`,
    `  invoked after ${source}`,
  ];
}

/** The lines that explain a counterexample, without a trailing newline. */
export function formatCounterexample(counterexample: Counterexample): string[] {
  const lines: string[] = [];
  if (counterexample.key !== null)
    lines.push(`  key ${JSON.stringify(counterexample.key)} is not linearizable`);
  lines.push(`  cannot linearize: ${describeOperation(counterexample.op)}`);
  const more = counterexample.concurrentCount - counterexample.concurrent.length;
  lines.push(`  concurrent with it (${counterexample.concurrentCount}):`);
  for (const view of counterexample.concurrent) lines.push(`    ${describeOperation(view)}`);
  if (more > 0) lines.push(`    ... and ${more} more`);
  if (counterexample.refutation !== undefined) {
    lines.push(...refutationLines(counterexample.refutation, counterexample.initialState));
    return lines;
  }
  lines.push(`  longest partial linearizations (initial state ${counterexample.initialState}):`);
  counterexample.partials.forEach((partial, index) => {
    lines.push(...partialLines(partial, index + 1, counterexample.initialState));
  });
  return lines;
}
