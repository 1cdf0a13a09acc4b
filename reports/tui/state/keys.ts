// The replay's key bindings as a pure reducer: (run, view, key) -> view. `KeyName` is what the app makes of a
// keypress: a printable character, or one of the named keys below.
import {
  detailLines,
  matchesFilter,
  neighbour,
  parseGoto,
  type ReplayRun,
  searchEvents,
} from "../model/index.js";
import { KEY_HELP } from "./key-help.js";
import { type PromptKind, SPEEDS, type ViewState } from "./view-state.js";

export type KeyName =
  | "up"
  | "down"
  | "left"
  | "right"
  | "pageup"
  | "pagedown"
  | "return"
  | "escape"
  | "backspace"
  | "tab"
  | "ctrl-d"
  | "ctrl-u"
  | string;

/** How many lines the scrolling panes show, so scrolling stops at their last page. */
export interface PaneRows {
  /** The detail view's diff lines. */
  readonly detail: number;
  /** The help's key lines. */
  readonly help: number;
  /** The verdict pane's lines under its title, and how many it has at the terminal's width. */
  readonly verdict: number;
  readonly verdictLines: number;
}

/** When the caller does not say: the 80×24 layout of a small run. */
export const PANE_ROWS_DEFAULT: PaneRows = { detail: 11, help: 20, verdict: 2, verdictLines: 0 };

const PROMPTS: { readonly [key: string]: PromptKind } = { ":": "goto", "/": "search", f: "filter" };

const HELP_SCROLL: { readonly [key: string]: number } = {
  j: 1,
  down: 1,
  J: 1,
  k: -1,
  up: -1,
  K: -1,
  pagedown: 10,
  pageup: -10,
};

export function reduceKey(
  run: ReplayRun,
  view: ViewState,
  key: KeyName,
  rows: PaneRows = PANE_ROWS_DEFAULT,
): ViewState {
  if (view.prompt !== null) return reducePrompt(run, view, key);
  const cleared = { ...view, notice: "" };
  if (view.panel === "help") return reduceHelp(cleared, key, rows.help);
  if (view.panel === "detail" && DETAIL_SCROLL[key] !== undefined)
    return scrollDetail(
      run,
      cleared,
      DETAIL_SCROLL[key] * (key.startsWith("ctrl") ? rows.detail : 1),
      rows.detail,
    );
  if (view.panel === "main" && (key === "J" || key === "K")) {
    const last = Math.max(0, rows.verdictLines - rows.verdict);
    const by = key === "J" ? 1 : -1;
    return { ...cleared, verdictScroll: Math.max(0, Math.min(last, view.verdictScroll + by)) };
  }
  const prompt = PROMPTS[key];
  if (prompt !== undefined)
    return { ...cleared, playing: false, prompt: { kind: prompt, text: "" } };
  return reduceNavigation(run, cleared, key) ?? reduceToggles(run, cleared, key);
}

/** In the help: scroll keys scroll it, `?` closes it, `q` quits, any other key closes it. */
function reduceHelp(view: ViewState, key: KeyName, rows: number): ViewState {
  const by = HELP_SCROLL[key];
  if (by !== undefined) {
    const last = Math.max(0, KEY_HELP.length - rows);
    return { ...view, helpScroll: Math.max(0, Math.min(last, view.helpScroll + by)) };
  }
  if (key === "q") return { ...view, quit: true, playing: false };
  return { ...view, panel: "main" };
}

function reduceNavigation(run: ReplayRun, view: ViewState, key: KeyName): ViewState | null {
  const last = run.events.length - 1;
  const at = (step: number) => ({ ...view, step: Math.max(0, Math.min(last, step)) });
  switch (key) {
    case "j":
    case "down":
    case "right":
      return stepFiltered(run, view, 1);
    case "k":
    case "up":
    case "left":
      return stepFiltered(run, view, -1);
    case "pagedown":
      return at(view.step + 100);
    case "pageup":
      return at(view.step - 100);
    case "g":
      return at(0);
    case "G":
      return at(last);
    case "n":
    case "N": {
      const next = neighbour(run.faults, view.step, key === "n" ? 1 : -1);
      return next === null
        ? { ...view, notice: `no ${key === "n" ? "later" : "earlier"} fault` }
        : at(next);
    }
    case "v":
    case "V":
      return jumpToViolation(run, view, key === "v" ? 0 : view.violation + 1);
    default:
      return null;
  }
}

function reduceToggles(run: ReplayRun, view: ViewState, key: KeyName): ViewState {
  switch (key) {
    case " ":
      return { ...view, playing: !view.playing };
    case "+":
    case "=":
      return { ...view, speedIndex: Math.min(SPEEDS.length - 1, view.speedIndex + 1) };
    case "-":
      return { ...view, speedIndex: Math.max(0, view.speedIndex - 1) };
    case "?":
      return { ...view, panel: "help", helpScroll: 0 };
    case "d":
    case "return":
      return { ...view, panel: view.panel === "detail" ? "main" : "detail" };
    case "tab": {
      const selectedNode = (view.selectedNode + 1) % Math.max(1, run.nodes.length);
      return { ...view, selectedNode, detailScroll: 0 };
    }
    case "escape":
      return { ...view, panel: "main", filter: "" };
    case "q":
      return { ...view, quit: true, playing: false };
    default:
      return selectNodeByDigit(run, view, key);
  }
}

function selectNodeByDigit(run: ReplayRun, view: ViewState, key: KeyName): ViewState {
  if (!/^[1-9]$/.test(key) || Number(key) > run.nodes.length) return view;
  return { ...view, selectedNode: Number(key) - 1, panel: "detail", detailScroll: 0 };
}

/** J/K scroll the detail view a line, Ctrl-D/Ctrl-U a page. */
const DETAIL_SCROLL: { readonly [key: string]: number } = {
  J: 1,
  K: -1,
  "ctrl-d": 1,
  "ctrl-u": -1,
};

function scrollDetail(run: ReplayRun, view: ViewState, by: number, rows: number): ViewState {
  const count = detailLines(run, view.step, view.selectedNode).lines.length;
  const last = Math.max(0, count - Math.max(1, rows));
  const detailScroll = Math.max(0, Math.min(last, Math.min(view.detailScroll, last) + by));
  return { ...view, detailScroll };
}

/** One step forward or back; with a filter, to the next event that matches it. */
export function stepFiltered(run: ReplayRun, view: ViewState, dir: 1 | -1): ViewState {
  const last = run.events.length - 1;
  if (view.filter === "") return { ...view, step: Math.max(0, Math.min(last, view.step + dir)) };
  for (let i = view.step + dir; i >= 0 && i <= last; i += dir) {
    if (matchesFilter(run.events[i] as (typeof run.events)[number], view.filter))
      return { ...view, step: i };
  }
  return {
    ...view,
    notice: `no ${dir === 1 ? "later" : "earlier"} event matches '${view.filter}'`,
  };
}

function jumpToViolation(run: ReplayRun, view: ViewState, from: number): ViewState {
  const located = run.violations
    .map((v, i) => ({ v, i }))
    .filter(({ v, i }) => v.event !== null && i >= from);
  const target =
    located[0] ?? run.violations.map((v, i) => ({ v, i })).find(({ v }) => v.event !== null);
  if (target === undefined) {
    const notice =
      run.violations.length === 0 ? "no violation in this run" : "no violation could be located";
    return { ...view, notice, violation: run.violations.length > 0 ? 0 : -1 };
  }
  const step = target.v.event as number;
  const node = run.stepNode[step] ?? -1;
  const selectedNode = node >= 0 ? node : view.selectedNode;
  return { ...view, step, violation: target.i, selectedNode, verdictScroll: 0 };
}

function reducePrompt(run: ReplayRun, view: ViewState, key: KeyName): ViewState {
  const prompt = view.prompt;
  if (prompt === null) return view;
  if (key === "escape") return { ...view, prompt: null };
  if (key === "backspace")
    return { ...view, prompt: { ...prompt, text: prompt.text.slice(0, -1) } };
  if (key === "return")
    return commitPrompt(run, { ...view, prompt: null }, prompt.kind, prompt.text);
  if (key.length !== 1) return view;
  return { ...view, prompt: { ...prompt, text: prompt.text + key } };
}

function commitPrompt(run: ReplayRun, view: ViewState, kind: PromptKind, text: string): ViewState {
  if (kind === "filter") return { ...view, filter: text.trim() };
  if (kind === "goto") {
    const step = parseGoto(run, text);
    return step === null
      ? { ...view, notice: `':${text}': give a step (1234) or a time (1.5s, 250ms)` }
      : { ...view, step };
  }
  const query = (text === "" ? view.lastSearch : text).toLowerCase();
  if (query === "") return view;
  const found = searchEvents(run, view.step, query);
  if (found === null) return { ...view, lastSearch: query, notice: `no event matches '${query}'` };
  return { ...view, step: found, lastSearch: query };
}

/** A playback tick: advance by `steps` (through the filter), stop at the end. */
export function reduceTick(run: ReplayRun, view: ViewState, steps: number): ViewState {
  let next = view;
  for (let i = 0; i < steps; i++) {
    const moved = stepFiltered(run, next, 1);
    if (moved.step === next.step) return { ...next, playing: false, notice: "end of run" };
    next = moved;
  }
  return next;
}
