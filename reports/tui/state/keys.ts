// The replay's key bindings as a pure reducer: (run, view, key) -> view. `KeyName` is what the app makes of a
// keypress: a printable character, or one of the named keys below.
import {
  detailLines,
  findEvent,
  matchesFilter,
  neighbour,
  parseGoto,
  type ReplayRun,
} from "../model/index.js";
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

/** Rows of the detail view's diff when the caller does not say (the 80×24 layout). */
export const DETAIL_ROWS_DEFAULT = 11;

const PROMPTS: { readonly [key: string]: PromptKind } = { ":": "goto", "/": "search", f: "filter" };

/** `detailRows`: how many diff lines the detail view shows, so scrolling stops at the last page. */
export function reduceKey(
  run: ReplayRun,
  view: ViewState,
  key: KeyName,
  detailRows = DETAIL_ROWS_DEFAULT,
): ViewState {
  if (view.prompt !== null) return reducePrompt(run, view, key);
  const cleared = { ...view, notice: "" };
  if (view.panel === "help" && key !== "?" && key !== "q") return { ...cleared, panel: "main" };
  if (view.panel === "detail" && DETAIL_SCROLL[key] !== undefined)
    return scrollDetail(
      run,
      cleared,
      DETAIL_SCROLL[key] * (key.startsWith("ctrl") ? detailRows : 1),
      detailRows,
    );
  const prompt = PROMPTS[key];
  if (prompt !== undefined)
    return { ...cleared, playing: false, prompt: { kind: prompt, text: "" } };
  return reduceNavigation(run, cleared, key) ?? reduceToggles(run, cleared, key);
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
      return { ...view, panel: view.panel === "help" ? "main" : "help" };
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
  return { ...view, step, violation: target.i, selectedNode: node >= 0 ? node : view.selectedNode };
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
  const found = findEvent(run, view.step, 1, (e) =>
    `${e.node} ${e.text}`.toLowerCase().includes(query),
  );
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
