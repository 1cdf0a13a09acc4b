// `/` finds a client by its one label (its events and operations), and a zxid or session by its hex form.
import { describe, expect, it } from "vitest";
import { searchEvents } from "../../../reports/tui/model/index.js";
import { reduceKey } from "../../../reports/tui/state/keys.js";
import { initialView, type ViewState } from "../../../reports/tui/state/view-state.js";
import { clientsRun } from "./clients-fixture.js";

const run = clientsRun();

function search(query: string, from = 0): ViewState {
  const typed = [..."/", ...query, "return"];
  return typed.reduce((view, key) => reduceKey(run, view, key), { ...initialView(), step: from });
}

describe("search", () => {
  it("finds a client's events and operations by its label", () => {
    const read = run.operations.find((op) => op.client === "c3");
    // Its start, its read's invoke (a server's step), its read's reply.
    expect(search("c3").step).toBe(5);
    expect(search("c3", 5).step).toBe(read?.invokeEvent);
    expect(search("c3", read?.invokeEvent).step).toBe(read?.completeEvent);
  });

  it("finds an operation's invoke and reply by its client, though another node stepped", () => {
    // c2's read is never answered; its invoke is at event 12, where c3 stepped.
    const read = run.operations.find((op) => op.client === "c2");
    expect(searchEvents(run, 6, "c2")).toBe(read?.invokeEvent);
  });

  it("finds a zxid and a session in hex", () => {
    const write = run.operations.find((op) => op.zxid === 2 ** 32 + 2);
    expect(search("0x100000002").step).toBe(write?.invokeEvent);
    expect(run.events[search("0x100000002", 9).step]?.text).toContain("zxid=0x100000002");
    const answered = run.operations.find((op) => op.client === "c3");
    expect(search("0x10000000003").step).toBe(answered?.invokeEvent);
  });

  it("finds an operation by its process", () => {
    expect(search("process 8").step).toBe(
      run.operations.find((op) => op.process === 8)?.invokeEvent,
    );
  });
});
