// The key bindings, shown by `?` between the header and the footer; when they do not fit, they scroll
// (j/k, arrows, PgUp/PgDn) and the title says which lines show.
import { Box, Text } from "ink";
import { KEY_HELP } from "../state/key-help.js";
import { cell } from "./theme.js";

export interface HelpViewProps {
  readonly width: number;
  readonly height: number;
  readonly scroll: number;
}

export function HelpView({ width, height, scroll }: HelpViewProps) {
  const rows = Math.max(0, height - 1);
  const first = Math.max(0, Math.min(scroll, KEY_HELP.length - rows));
  const shown = KEY_HELP.slice(first, first + rows);
  const title =
    shown.length === KEY_HELP.length
      ? "keys (any key closes)"
      : `keys [lines ${first + 1}–${first + shown.length} of ${KEY_HELP.length}: j/k scroll, other keys close]`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {cell(title, width)}
      </Text>
      {shown.map(([keys, what]) => (
        <Text key={keys} wrap="truncate">
          {cell(`${keys.padEnd(18)} ${what}`, width)}
        </Text>
      ))}
    </Box>
  );
}
