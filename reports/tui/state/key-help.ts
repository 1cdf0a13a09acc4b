// The key bindings as the help (`?`) lists them: keys, then what they do.
export const KEY_HELP: readonly (readonly [string, string])[] = [
  ["→ ↓ j / ← ↑ k", "step forward / back (through the filter)"],
  ["PgDn / PgUp", "jump 100 steps forward / back"],
  ["g / G", "first / last step"],
  ["n / N", "next / previous fault (nemesis operation)"],
  ["v / V", "first violation / next violation (◆ marks its operations)"],
  [":", "go to a step (1234) or a time (1.5s, 250ms, 800us)"],
  ["/", "search events and operations: c3, 0x10000002a, getData (Enter on empty repeats)"],
  ["f", "filter events by node (n2) or message type (PROPOSAL); empty clears"],
  ["space  + -", "play / pause, faster / slower"],
  ["d Enter  Tab 1-9", "node state detail (diff: - old, + new) / pick the node"],
  ["J K", "scroll the violation's story (main view) or the detail view a line"],
  ["^D ^U", "in the detail view: scroll a page"],
  ["Esc", "close panels, clear the filter"],
  ["?  q", "this help / quit"],
];
