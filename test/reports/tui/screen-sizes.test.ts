// The replay fits the terminal it is given: at 80×24, 60×20 and 100×40 every line fits, the header and the
// footer show, clients have their own columns, the event log keeps its minimum height while the clients'
// table shows a window, the story wraps in the verdict pane, and below the minimum size a message says what
// size is needed. The help scrolls when it does not fit; a restarted node shows its fresh state.
import { render } from "ink-testing-library";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { minimumRows, ReplayApp, renderScreen } from "../../../reports/tui/index.js";
import { reduceKey } from "../../../reports/tui/state/keys.js";
import { initialView } from "../../../reports/tui/state/view-state.js";
import { HelpView } from "../../../reports/tui/view/help-view.js";
import { clientsRun } from "./clients-fixture.js";

const run = clientsRun();
const atViolation = reduceKey(run, initialView(), "v");
const SIZES = [
  [80, 24],
  [60, 20],
  [100, 40],
] as const;

const eventRows = (text: string) =>
  text.split("\n").filter((line) => /^[▶ ✗!]\s*\d+ \d+\.\d{6} /.test(line));

describe("the replay screen at several sizes", () => {
  it.each(SIZES)("fits %i×%i with the header first and the footer last", (columns, rows) => {
    const lines = renderScreen(run, atViolation, { columns, rows }).split("\n");
    expect(lines.length).toBeLessThanOrEqual(rows);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
    expect(lines[0]).toMatch(/^zabsim replay {2}clients seed 1/);
    expect(lines[1]).toMatch(/^step 12\/17/);
    expect(lines.at(-1)).toMatch(/^j\/k step/);
  });

  it.each(SIZES)("keeps at least five events in the log at %i×%i", (columns, rows) => {
    expect(
      eventRows(renderScreen(run, atViolation, { columns, rows })).length,
    ).toBeGreaterThanOrEqual(5);
  });

  it("gives clients their own columns: state, session and last zxid in hex, server, calls", () => {
    const text = renderScreen(run, atViolation, { columns: 100, rows: 40 });
    expect(text).toMatch(/client\s+status\s+state\s+session\s+server\s+last zxid\s+calls/);
    expect(text).toMatch(/▶ c3\s+● up\s+CONNECTED\s+0x10000000003\s+n3\s+0x100000001\s+1/);
    for (const name of ["c1", "c2", "c4", "c5", "c6"])
      expect(text).toMatch(new RegExp(`\\n  ${name}\\s+● up`));
  });

  it("keeps the clients' calls and the servers' connections at 60 columns", () => {
    const text = renderScreen(run, atViolation, { columns: 60, rows: 20 });
    expect(text).toMatch(/client\s+state\s+session\s+server\s+last zxid\s+call/);
    expect(text).toMatch(/▶ c3\s+●\s+CONNECTED\s+0x10000000003\s+n3\s+0x100000001\s+1/);
    expect(text).toMatch(/node\s+status\s+role\s+ep a\/c\s+logged\s+committed\s+co/);
    expect(text).toMatch(/n1\s+● up\s+LEADING\s+1\/1\s+0x100000001\s+0x100000001\s+n2/);
  });

  it("shows a window of the clients, with the stepping one, when they do not all fit", () => {
    const text = renderScreen(run, atViolation, { columns: 80, rows: 20 });
    expect(text).toMatch(/calls\s+c\d–c\d of 6/);
    expect(text).toMatch(/▶ c3 /);
  });

  it("wraps the violation's story above where it is located", () => {
    const text = renderScreen(run, atViolation, { columns: 100, rows: 40 });
    expect(text).toContain(
      "  n1, cut off from the leader since 0.004 s, answered c3's getData /k0 = 1",
    );
    expect(text.indexOf("cut off")).toBeLessThan(text.indexOf("at event #12 (c3's getData reply)"));
    expect(text).toMatch(
      /◆ ✓ c3 \(process 8, session 0x10000000003\) getData \/k0 → ok "1" zxid 0x100000001 @n1/,
    );
  });

  it("scrolls a story longer than the pane with J/K", () => {
    const small = renderScreen(run, atViolation, { columns: 60, rows: 20 });
    expect(small).toMatch(/✗ violation 1\/1 {2}\[lines 1–\d of \d+: J\/K scroll\]/);
    const scrolled = reduceKey(run, atViolation, "J", {
      detail: 5,
      help: 16,
      verdict: 2,
      verdictLines: 9,
    });
    expect(scrolled.verdictScroll).toBe(1);
    expect(renderScreen(run, scrolled, { columns: 60, rows: 20 })).toMatch(/\[lines 2–/);
  });

  it("says what size is needed below the minimum, and nothing else", () => {
    const text = renderScreen(run, atViolation, { columns: 70, rows: 15 }).replace(/\s+/g, " ");
    expect(minimumRows(run)).toBe(20);
    expect(text).toContain(
      "The terminal is 70×15; this replay (3 servers, 6 clients) needs at least 50×20.",
    );
    expect(text).not.toContain("zabsim replay  clients");
    const narrow = renderScreen(run, atViolation, { columns: 40, rows: 30 });
    expect(narrow.replace(/\s+/g, " ")).toContain("needs at least 50×20");
  });
});

describe("the help", () => {
  it("shows every key line between the header and the footer at 80×24 and 60×20", () => {
    for (const [columns, rows] of [
      [80, 24],
      [60, 20],
    ] as const) {
      const text = renderScreen(run, { ...initialView(), panel: "help" }, { columns, rows });
      expect(text).toContain("keys (any key closes)");
      expect(text).toContain("this help / quit");
      expect(text).toMatch(/^zabsim replay/);
    }
  });

  it("scrolls when it does not fit, saying which lines show", () => {
    const { lastFrame } = render(createElement(HelpView, { width: 80, height: 5, scroll: 3 }));
    expect(lastFrame()).toMatch(/keys \[lines 4–7 of 14: j\/k scroll, other keys close\]/);
    const view = reduceKey(run, { ...initialView(), panel: "help" }, "j", {
      detail: 5,
      help: 4,
      verdict: 2,
      verdictLines: 0,
    });
    expect(view).toMatchObject({ panel: "help", helpScroll: 1 });
  });
});

describe("a restarted node", () => {
  it("shows the fresh state it started with at the restart step, not its role before the crash", () => {
    const crash = renderScreen(run, { ...initialView(), step: 14 }, { columns: 80, rows: 24 });
    expect(crash).toMatch(/n3\s+○ down\s+-/);
    const restart = renderScreen(run, { ...initialView(), step: 15 }, { columns: 80, rows: 24 });
    expect(restart).toMatch(/n3\s+● up\s+LOOKING/);
    expect(restart).not.toMatch(/n3\s+● up\s+FOLLOWING/);
  });
});

describe("the interactive app in ink-testing-library's terminal (100 columns, 24 rows)", () => {
  it("opens the help on ? and closes it on another key", async () => {
    const app = render(createElement(ReplayApp, { run, theme: { color: false } }));
    const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
    await settle();
    app.stdin.write("?");
    await settle();
    expect(app.lastFrame()).toContain("this help / quit");
    app.stdin.write("x");
    await settle();
    expect(app.lastFrame()).not.toContain("this help / quit");
    app.unmount();
  });
});
