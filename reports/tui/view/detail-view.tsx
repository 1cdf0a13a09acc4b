// One node's full state after its last step at or before the current one, as a diff against its step
// before that: a changed line as its old value (-) then its new one (+), added (+), removed (-), changes
// first. Long states scroll (J/K a line, Ctrl-D/Ctrl-U a page).
import { Box, Text } from "ink";
import { detailLines, type ReplayRun } from "../model/index.js";
import { cell, rowKeys, type Theme, tint } from "./theme.js";

export interface DetailViewProps {
  readonly run: ReplayRun;
  readonly step: number;
  readonly node: number;
  readonly scroll: number;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
}

const MARK_COLORS = { "+": "green", "-": "red" } as const;

export function DetailView({ run, step, node, scroll, width, height, theme }: DetailViewProps) {
  const { title, lines } = detailLines(run, step, node);
  const rows = Math.max(0, height - 1);
  const first = Math.max(0, Math.min(scroll, lines.length - rows));
  const shown = lines.slice(first, first + rows);
  const range =
    lines.length <= rows
      ? ""
      : `  [lines ${first + 1}–${first + shown.length} of ${lines.length}: J/K ^D/^U scroll]`;
  const keys = rowKeys(shown.map((line) => `${line.mark}${line.text}`));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {cell(`${title}${range}  (- old, + new; Tab/1-9 node, d back)`, width)}
      </Text>
      {shown.map((line, i) => (
        <Text
          key={keys[i]}
          wrap="truncate"
          {...(line.mark === " " ? {} : tint(theme, MARK_COLORS[line.mark]))}
          bold={line.mark !== " "}
        >
          {cell(`${line.mark} ${line.text}`, width)}
        </Text>
      ))}
    </Box>
  );
}
