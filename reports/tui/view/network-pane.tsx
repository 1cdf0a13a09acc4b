// Messages in flight (sent, not yet delivered or lost) and pending timers after the current step.
import { Box, Text } from "ink";
import type { ReplayRun } from "../model/index.js";
import { cell, formatTimeUs, rowKeys } from "./theme.js";

export interface NetworkPaneProps {
  readonly run: ReplayRun;
  readonly step: number;
  readonly width: number;
  readonly height: number;
}

export function NetworkPane({ run, step, width, height }: NetworkPaneProps) {
  const messages = run.messages.aliveAt(step);
  const timers = run.timers.aliveAt(step).sort((a, b) => a.dueUs - b.dueUs);
  const available = Math.max(0, height - 2);
  const timerRows = Math.min(
    timers.length,
    Math.max(available - messages.length, Math.floor(available / 2)),
  );
  const shownMessages = shown(messages, available - timerRows);
  const shownTimers = shown(timers, timerRows);
  const messageKeys = rowKeys(shownMessages.map((m) => `${m.from}${m.to}${m.sentAt}${m.text}`));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {cell(`in flight (${messages.length})`, width)}
      </Text>
      {shownMessages.map((m, i) => (
        <Text key={messageKeys[i]} wrap="truncate">
          {cell(`${m.from}→${m.to} ${m.text}`, width)}
        </Text>
      ))}
      {messages.length > shownMessages.length ? (
        <Text dimColor>{cell(`… ${messages.length - shownMessages.length} more`, width)}</Text>
      ) : null}
      <Text bold wrap="truncate">
        {cell(`timers (${timers.length})`, width)}
      </Text>
      {shownTimers.map((t) => (
        <Text key={`${t.node}/${t.name}`} wrap="truncate">
          {cell(`${t.node} ${t.name} @${formatTimeUs(t.dueUs)}`, width)}
        </Text>
      ))}
      {timers.length > shownTimers.length ? (
        <Text dimColor>{cell(`… ${timers.length - shownTimers.length} more`, width)}</Text>
      ) : null}
    </Box>
  );
}

/** The first items that fit in `rows` lines, keeping one for "… N more" when they do not all fit. */
function shown<T>(items: readonly T[], rows: number): readonly T[] {
  return items.slice(0, Math.max(0, items.length > rows ? rows - 1 : rows));
}
