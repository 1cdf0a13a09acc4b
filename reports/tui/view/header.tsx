// The header: which run (scenario, seed, bugs, source), its verdict, and where we are (step, simulated time,
// playback).
import { Box, Text } from "ink";
import type { ReplayRun } from "../model/index.js";
import { SPEEDS, type ViewState } from "../state/view-state.js";
import { cell, formatTimeUs, type Theme, tint } from "./theme.js";

export interface HeaderProps {
  readonly run: ReplayRun;
  readonly view: ViewState;
  readonly width: number;
  readonly theme: Theme;
}

const VERDICT_COLORS = { pass: "green", fail: "red", unknown: "yellow" } as const;

export function Header({ run, view, width, theme }: HeaderProps) {
  const { meta } = run;
  const event = run.events[view.step];
  const bugs = meta.bugs.length > 0 ? `  bug ${meta.bugs.join(",")}` : "";
  const title = `zabsim replay  ${meta.scenario} seed ${meta.seed}${bugs}`;
  const verdict = `verdict ${meta.verdict.toUpperCase()}`;
  const play = view.playing
    ? `▶ playing ${SPEEDS[view.speedIndex]}/s`
    : `⏸ ${SPEEDS[view.speedIndex]}/s`;
  const filter = view.filter === "" ? "" : `  filter '${view.filter}'`;
  const where = `step ${view.step}/${run.events.length - 1}  t=${formatTimeUs(event?.timeUs ?? 0)}  ${play}${filter}`;
  const hash = `trace ${meta.traceHash}`;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold>{cell(title, Math.max(0, width - verdict.length - 1))}</Text>{" "}
        <Text bold inverse={!theme.color} {...tint(theme, VERDICT_COLORS[meta.verdict])}>
          {verdict}
        </Text>
      </Text>
      <Text wrap="truncate">
        {cell(where, Math.max(0, width - hash.length - 1))} <Text dimColor>{hash}</Text>
      </Text>
    </Box>
  );
}
