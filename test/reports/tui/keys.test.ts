import type { Key } from "ink";
import { describe, expect, it } from "vitest";
import { keysOf } from "../../../reports/tui/app.js";
import {
  type KeyName,
  PANE_ROWS_DEFAULT,
  reduceKey,
  reduceTick,
} from "../../../reports/tui/state/keys.js";
import { initialView, type ViewState } from "../../../reports/tui/state/view-state.js";
import { fixtureRun } from "./fixture.js";

const run = fixtureRun();

function press(keys: readonly KeyName[], view: ViewState = initialView()): ViewState {
  return keys.reduce((v, key) => reduceKey(run, v, key), view);
}

describe("replay keys", () => {
  it("steps with arrows and j/k, and stops at the ends", () => {
    expect(press(["j", "down", "right"]).step).toBe(3);
    expect(press(["j", "j", "k", "up", "left"]).step).toBe(0);
    expect(press(["G", "j"]).step).toBe(6);
    expect(press(["G", "g"]).step).toBe(0);
    expect(press(["pagedown"]).step).toBe(6);
    expect(press(["G", "pageup"]).step).toBe(0);
  });

  it("jumps to the next and previous fault", () => {
    expect(press(["n"]).step).toBe(5);
    expect(press(["G", "N"]).step).toBe(5);
    expect(press(["n", "n"]).notice).toBe("no later fault");
  });

  it("jumps to the first violation and selects its node", () => {
    const view = press(["v"]);
    expect(view.step).toBe(4);
    expect(view.violation).toBe(0);
    expect(view.selectedNode).toBe(1);
  });

  it("goes to a step or a time typed after ':'", () => {
    expect(press([":", "3", "return"]).step).toBe(3);
    expect(press([":", "2", "m", "s", "return"]).step).toBe(2);
    expect(press([":", "x", "return"]).notice).toMatch(/give a step/);
    expect(press([":", "9", "backspace", "1", "return"]).step).toBe(1);
    expect(press([":", "3", "escape"]).step).toBe(0);
  });

  it("searches event text, and repeats the search on an empty query", () => {
    const first = press(["/", "P", "R", "O", "P", "return"]);
    expect(first.step).toBe(4);
    expect(press(["/", "n", "o", "p", "e", "return"]).notice).toBe("no event matches 'nope'");
    expect(press(["/", "return"], { ...first, step: 0 }).step).toBe(4);
  });

  it("filters by node so stepping skips other nodes' events", () => {
    const filtered = press(["f", "n", "1", "return"]);
    expect(filtered.filter).toBe("n1");
    expect(press(["j"], filtered).step).toBe(3);
    expect(press(["j", "j"], filtered).step).toBe(6);
    expect(press(["escape"], filtered).filter).toBe("");
  });

  it("plays, changes speed, and stops at the end", () => {
    const playing = press([" ", "+", "+"]);
    expect(playing.playing).toBe(true);
    expect(playing.speedIndex).toBe(5);
    expect(press(["-"]).speedIndex).toBe(2);
    const ended = reduceTick(run, playing, 100);
    expect(ended).toMatchObject({ step: 6, playing: false, notice: "end of run" });
  });

  it("opens help and the detail view, picks nodes, and quits", () => {
    expect(press(["?"]).panel).toBe("help");
    expect(press(["?", "x"]).panel).toBe("main");
    expect(press(["?", "?"]).panel).toBe("main");
    expect(press(["?", "q"]).quit).toBe(true);
    expect(press(["d"]).panel).toBe("detail");
    expect(press(["3"])).toMatchObject({ panel: "detail", selectedNode: 2 });
    expect(press(["tab", "tab", "tab"]).selectedNode).toBe(0);
    expect(press(["q"]).quit).toBe(true);
  });
});

describe("keys sent together", () => {
  const none = {} as Key;
  it("splits a batch of text into one key per character, control characters named", () => {
    expect(keysOf("jjj", none)).toEqual(["j", "j", "j"]);
    expect(keysOf(":12\r", none)).toEqual([":", "1", "2", "return"]);
    expect(keysOf("/ab\u007f", none)).toEqual(["/", "a", "b", "backspace"]);
  });

  it("keeps a named key (an escape sequence ink parsed) whole", () => {
    expect(keysOf("", { ...none, downArrow: true })).toEqual(["down"]);
    expect(keysOf("[6~", { ...none, pageDown: true })).toEqual(["pagedown"]);
    expect(keysOf("d", { ...none, ctrl: true })).toEqual(["ctrl-d"]);
  });
});

describe("scrolling the detail view", () => {
  // n2's state at step 4 diffs to 9 lines; with 3 rows shown the last page starts at line 6.
  const detail = press(["v", "d"]);
  const scroll = (keys: readonly KeyName[], rows = 3) =>
    keys.reduce((v, key) => reduceKey(run, v, key, { ...PANE_ROWS_DEFAULT, detail: rows }), detail)
      .detailScroll;

  it("scrolls a line with J/K and a page with Ctrl-D/Ctrl-U, within the diff", () => {
    expect(scroll(["J"])).toBe(1);
    expect(scroll(["J", "J", "K"])).toBe(1);
    expect(scroll(["ctrl-d"])).toBe(3);
    expect(scroll(["ctrl-d", "ctrl-d", "ctrl-d"])).toBe(6);
    expect(scroll(["ctrl-d", "ctrl-u", "ctrl-u"])).toBe(0);
    expect(scroll(["K"])).toBe(0);
  });

  it("starts at the top for another node", () => {
    expect(press(["tab"], { ...detail, detailScroll: 4 }).detailScroll).toBe(0);
  });
});
