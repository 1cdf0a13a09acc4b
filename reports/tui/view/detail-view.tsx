// One node's full state after its last step at or before the current one, as a diff against its step
// before that: + added or changed, - removed. Changed lines come first.
import { Box, Text } from "ink";
import { type DiffLine, diffStates, lastStepOf, type ReplayRun } from "../model/index.js";
import { cell, changedStyle, rowKeys, type Theme } from "./theme.js";

export interface DetailViewProps {
  readonly run: ReplayRun;
  readonly step: number;
  readonly node: number;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
}

export function detailLines(
  run: ReplayRun,
  step: number,
  node: number,
): { title: string; lines: DiffLine[] } {
  const name = run.nodes[node] ?? "?";
  const last = lastStepOf(run, node, step);
  if (last < 0) return { title: `${name}: not started by step ${step}`, lines: [] };
  const previous = lastStepOf(run, node, last - 1);
  const down = run.envs[step]?.statuses[node] === "down";
  const current = down ? undefined : run.stateView(run.states[last]);
  const before = previous < 0 ? undefined : run.stateView(run.states[previous]);
  const lines = diffStates(before, current);
  const changedFirst = [
    ...lines.filter((l) => l.mark !== " "),
    ...lines.filter((l) => l.mark === " "),
  ];
  const since = previous < 0 ? "its start" : `its step #${previous}`;
  const state = down ? "down (volatile state lost)" : `state after step #${last}`;
  return {
    title: `${name} ${state}, diff against ${since}  (+ changed, - removed; Tab/1-9 node, d back)`,
    lines: changedFirst,
  };
}

export function DetailView({ run, step, node, width, height, theme }: DetailViewProps) {
  const { title, lines } = detailLines(run, step, node);
  const shown = lines.slice(0, Math.max(0, height - 1));
  const keys = rowKeys(shown.map((line) => `${line.mark}${line.text}`));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {cell(title, width)}
      </Text>
      {shown.map((line, i) => (
        <Text key={keys[i]} wrap="truncate" {...changedStyle(theme, line.mark !== " ")}>
          {cell(`${line.mark} ${line.text}`, width)}
        </Text>
      ))}
    </Box>
  );
}
