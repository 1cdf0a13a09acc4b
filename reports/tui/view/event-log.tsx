// The event log: one line per trace event around the current one (marked ▶), faults marked !, the event a
// shown violation points at marked ✗. With a filter, only matching events are listed. The node column is as
// wide as the longest node name, and a delivery's `from->to` prefix is cut to `from→` (the node column is
// the receiver), so the description gets the rest of the line, and all of a wide terminal.
import { Box, Text } from "ink";
import { matchesFilter, type ReplayEvent, type ReplayRun } from "../model/index.js";
import type { ViewState } from "../state/view-state.js";
import { cell, type Theme, tint } from "./theme.js";

export interface EventLogProps {
  readonly run: ReplayRun;
  readonly view: ViewState;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
}

/** The indices of up to `count` events around `step` that pass the filter (the current one always). */
export function eventWindow(run: ReplayRun, step: number, count: number, filter: string): number[] {
  const ok = (i: number) => i === step || matchesFilter(run.events[i] as ReplayEvent, filter);
  const before: number[] = [];
  const after: number[] = [];
  const wantBefore = Math.floor((count - 1) / 2);
  for (let i = step - 1; i >= 0 && before.length < wantBefore; i--) if (ok(i)) before.push(i);
  for (let i = step + 1; i < run.events.length && after.length < count - 1 - before.length; i++)
    if (ok(i)) after.push(i);
  for (let i = (before.at(-1) ?? step) - 1; i >= 0 && before.length + after.length < count - 1; i--)
    if (ok(i)) before.push(i);
  return [...before.reverse(), step, ...after];
}

/** `n1->n2 PROPOSAL ...` delivered at n2 reads `n1→ PROPOSAL ...`: the receiver is in the node column. */
export function shortText(event: ReplayEvent): string {
  const prefix = `->${event.node} `;
  const at = event.text.indexOf(prefix);
  if (event.kind !== "deliver" || at <= 0 || at > 24) return event.text;
  return `${event.text.slice(0, at)}→ ${event.text.slice(at + prefix.length)}`;
}

export function EventLog({ run, view, width, height, theme }: EventLogProps) {
  const rows = eventWindow(run, view.step, Math.max(1, height - 1), view.filter);
  const violating = new Set(run.violations.flatMap((v) => (v.event === null ? [] : [v.event])));
  const digits = String(run.events.length).length;
  const nodeWidth = Math.min(12, Math.max(2, ...run.nodes.map((n) => n.length)));
  // A fault has no node; its `!` mark and text say what it is.
  const faultLabel = nodeWidth >= 7 ? "nemesis" : "—";
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {cell(`events${view.filter === "" ? "" : ` matching '${view.filter}'`}`, width)}
      </Text>
      {rows.map((i) => {
        const e = run.events[i] as ReplayEvent;
        const current = i === view.step;
        const mark = current ? "▶" : violating.has(i) ? "✗" : e.kind === "nemesis" ? "!" : " ";
        const time = (e.timeUs / 1_000_000).toFixed(6);
        const line = `${mark}${String(i).padStart(digits)} ${time} ${cell(e.node || faultLabel, nodeWidth)} ${shortText(e)}`;
        const color = violating.has(i) ? "red" : e.kind === "nemesis" ? "magenta" : undefined;
        return (
          <Text
            key={i}
            wrap="truncate"
            inverse={current}
            bold={current}
            {...(color === undefined ? {} : tint(theme, color))}
          >
            {cell(line, width)}
          </Text>
        );
      })}
    </Box>
  );
}
