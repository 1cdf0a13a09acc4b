// The bottom line: the prompt being typed, else the last notice, else the main keys.
import { Text } from "ink";
import type { ViewState } from "../state/view-state.js";
import { cell } from "./theme.js";

const PROMPT_LABELS = {
  goto: "go to step or time: ",
  search: "search: ",
  filter: "filter (node or type): ",
};

export function Footer({ view, width }: { readonly view: ViewState; readonly width: number }) {
  if (view.prompt !== null) {
    return (
      <Text inverse wrap="truncate">
        {cell(`${PROMPT_LABELS[view.prompt.kind]}${view.prompt.text}█`, width)}
      </Text>
    );
  }
  const text =
    view.notice !== ""
      ? view.notice
      : "j/k step  PgUp/PgDn ±100  g/G ends  n/N fault  v violation  : goto  / search  f filter  space play  d detail  ? help  q quit";
  return (
    <Text dimColor={view.notice === ""} wrap="truncate">
      {cell(text, width)}
    </Text>
  );
}
