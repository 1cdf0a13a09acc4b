// The key bindings, shown by `?`.
import { Box, Text } from "ink";
import { cell } from "./theme.js";

export const KEY_HELP: readonly (readonly [string, string])[] = [
  ["→ ↓ j / ← ↑ k", "step forward / back (through the filter)"],
  ["PgDn / PgUp", "jump 100 steps forward / back"],
  ["g / G", "first / last step"],
  ["n / N", "next / previous fault (nemesis operation)"],
  ["v / V", "first violation / next violation"],
  [":", "go to a step (1234) or a time (1.5s, 250ms, 800us)"],
  ["/", "search event text (Enter on empty repeats)"],
  ["f", "filter events by node (n2) or message type (PROPOSAL); empty clears"],
  ["space  + -", "play / pause, faster / slower"],
  ["d Enter  Tab 1-9", "node state detail (diff: - old, + new) / pick the node"],
  ["J K  ^D ^U", "in the detail view: scroll a line / a page"],
  ["Esc", "close panels, clear the filter"],
  ["?  q", "this help / quit"],
];

export function HelpView({ width, height }: { readonly width: number; readonly height: number }) {
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{cell("keys (any key closes)", width)}</Text>
      {KEY_HELP.slice(0, Math.max(0, height - 1)).map(([keys, what]) => (
        <Text key={keys} wrap="truncate">
          {cell(`${keys.padEnd(18)} ${what}`, width)}
        </Text>
      ))}
    </Box>
  );
}
