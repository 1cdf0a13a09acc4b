// What the replay screen shows and where it is: the current step, the open panel, a prompt being typed, the
// filter, playback. Keys are reduced into a new ViewState by pure functions (keys.ts), so navigation is
// tested without a terminal.

export type Panel = "main" | "detail" | "help";

export type PromptKind = "goto" | "search" | "filter";

export interface Prompt {
  readonly kind: PromptKind;
  readonly text: string;
}

/** Playback speeds, in steps per second. */
export const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] as const;

export interface ViewState {
  readonly step: number;
  readonly panel: Panel;
  readonly prompt: Prompt | null;
  /** Events shown and stepped through: a node name or a word of the text; "" for all. */
  readonly filter: string;
  readonly lastSearch: string;
  readonly playing: boolean;
  readonly speedIndex: number;
  /** The node the detail view shows (index into the run's nodes). */
  readonly selectedNode: number;
  /** The first line of the detail view's diff shown (long states scroll). */
  readonly detailScroll: number;
  /** The first line of the help shown, when it does not fit. */
  readonly helpScroll: number;
  /** The first line of the verdict pane's story shown (J/K scroll it in the main view). */
  readonly verdictScroll: number;
  /** The violation `v`/`V` last jumped to, or -1. */
  readonly violation: number;
  /** One line of feedback ("no more faults", "no match for ..."). */
  readonly notice: string;
  readonly quit: boolean;
}

export function initialView(step = 0): ViewState {
  return {
    step,
    panel: "main",
    prompt: null,
    filter: "",
    lastSearch: "",
    playing: false,
    speedIndex: 3,
    selectedNode: 0,
    detailScroll: 0,
    helpScroll: 0,
    verdictScroll: 0,
    violation: -1,
    notice: "",
    quit: false,
  };
}
