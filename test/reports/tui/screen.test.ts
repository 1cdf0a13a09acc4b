import { render } from "ink-testing-library";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { ReplayApp, renderScreen } from "../../../reports/tui/index.js";
import { reduceKey } from "../../../reports/tui/state/keys.js";
import { initialView } from "../../../reports/tui/state/view-state.js";
import { fixtureRun } from "./fixture.js";

const run = fixtureRun();
const at = (step: number) => ({ ...initialView(), step });

describe("the replay screen", () => {
  it("fits 80×24: no line wider than 80, no more than 24 lines", () => {
    const text = renderScreen(run, at(4), { columns: 80, rows: 24 });
    const lines = text.split("\n");
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it("shows the header, every server, the current event and the verdict", () => {
    const text = renderScreen(run, reduceKey(run, initialView(), "v"), { columns: 80, rows: 24 });
    expect(text).toContain("fixture seed 1");
    expect(text).toContain("verdict FAIL");
    expect(text).toMatch(/step 4\/6/);
    for (const node of ["n1", "n2", "n3"]) expect(text).toContain(node);
    expect(text).toMatch(/▶\s*4 0\.004000 n2\s+n1→ PROPOSAL zxid=0x100000001/);
    expect(text).toContain("violation 1/1");
    expect(text).toContain("Agreement");
    expect(text).toContain("n2's deliver of 0x100000001");
  });

  it("distinguishes operation outcomes without colour: ✓ ✗ ?", () => {
    const text = renderScreen(run, at(6), { columns: 100, rows: 30 });
    expect(text).toMatch(/✓ c1 write 7 → ok zxid 0x100000001 @n1/);
    expect(text).toMatch(/✗ c2 write 8 → fail/);
    expect(text).toMatch(/\? c3 write 9 → info/);
  });

  it("marks the stepping node and shows a crashed node as down", () => {
    const text = renderScreen(run, at(5), { columns: 80, rows: 24 });
    expect(text).toMatch(/n3\s+○ down/);
    expect(renderScreen(run, at(4), { columns: 80, rows: 24 })).toMatch(/▶ n2\s+● up\s+FOLLOWING/);
  });

  it("lists messages in flight and uses extra width for the phase column", () => {
    const text = renderScreen(run, at(3), { columns: 120, rows: 40 });
    expect(text).toContain("in flight (2)");
    expect(text).toContain("n1→n2 PROPOSAL zxid=0x100000001");
    expect(text).toContain("phase");
  });

  it("shows a node's state as a diff against its previous step: old then new", () => {
    const view = { ...at(4), panel: "detail" as const, selectedNode: 1 };
    const text = renderScreen(run, view, { columns: 80, rows: 24 });
    expect(text).toContain("n2 state after step #4 vs step #1");
    expect(text).toMatch(/- role: "LOOKING"\s*\n\+ role: "FOLLOWING"/);
    expect(text).toMatch(/- committed: "0x0"\s*\n\+ committed: "0x100000001"/);
  });

  it("scrolls a long state, saying which lines are shown", () => {
    const view = { ...at(4), panel: "detail" as const, selectedNode: 1, detailScroll: 2 };
    // 18 rows (the least for three servers) leave 5 diff lines in the detail view.
    const text = renderScreen(run, view, { columns: 80, rows: 18 });
    expect(text).toMatch(/\[lines 3–7 of 9: J\/K \^D\/\^U scroll\]/);
    expect(text).toMatch(/- committed: "0x0"/);
    expect(text).not.toMatch(/role: "LOOKING"/);
  });

  it("gives the event description the rest of the line, and more on a wide terminal", () => {
    const text = `n1->n2 PROPOSAL zxid=0x100000001 ${"x".repeat(150)}`;
    const long = { ...run, events: run.events.map((e) => (e.index === 4 ? { ...e, text } : e)) };
    const current = (columns: number) =>
      renderScreen(long, at(4), { columns, rows: 24 })
        .split("\n")
        .find((line) => line.startsWith("▶4")) ?? "";
    expect(current(80)).toMatch(/^▶4 0\.004000 n2 n1→ PROPOSAL zxid=0x100000001 x{5,}…/);
    expect(current(160)).toMatch(/x{50,}…/);
  });

  it("renders the help panel", () => {
    expect(renderScreen(run, { ...at(0), panel: "help" }, { columns: 80, rows: 24 })).toContain(
      "first violation",
    );
  });
});

describe("the interactive app", () => {
  it("moves on key presses and jumps to the violation on v", async () => {
    const app = render(createElement(ReplayApp, { run, theme: { color: false } }));
    const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
    await settle();
    expect(app.lastFrame()).toMatch(/step 0\/6/);
    app.stdin.write("j");
    await settle();
    expect(app.lastFrame()).toMatch(/step 1\/6/);
    app.stdin.write("v");
    await settle();
    expect(app.lastFrame()).toMatch(/step 4\/6/);
    expect(app.lastFrame()).toContain("violation");
    app.unmount();
  });

  it("takes keys sent or pasted together one by one, escape sequences whole", async () => {
    const app = render(createElement(ReplayApp, { run, theme: { color: false } }));
    const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
    await settle();
    app.stdin.write("jjj");
    await settle();
    expect(app.lastFrame()).toMatch(/step 3\/6/);
    app.stdin.write("\u001b[A\u001b[A");
    await settle();
    expect(app.lastFrame()).toMatch(/step 1\/6/);
    app.stdin.write(":5\r");
    await settle();
    expect(app.lastFrame()).toMatch(/step 5\/6/);
    app.unmount();
  });
});
