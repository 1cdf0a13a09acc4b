// The kernel's disk write error (the `disk-error` nemesis op) and process exit (the `exit` effect).
import { describe, expect, it } from "vitest";
import { type Input, type Message, type NodeProtocol, nodeId } from "../../sim/api/index.js";
import { Disk } from "../../sim/disk/index.js";
import { Simulation } from "../../sim/kernel/index.js";

describe("disk-error: a transient write error", () => {
  it("the next fsync to complete fails and every write not yet durable is lost", () => {
    const disk = new Disk();
    disk.append("txn", { zxid: 1 });
    disk.completeSync(disk.beginSync());
    disk.append("txn", { zxid: 2 });
    const sync = disk.beginSync();
    disk.append("txn", { zxid: 3 });
    disk.armWriteError();
    expect(disk.completeSync(sync)).toBe(false);
    expect(disk.unsyncedCount).toBe(0);
    expect(disk.readLog("txn").records).toEqual([{ zxid: 1 }]);
    // Transient: the next fsync succeeds.
    disk.append("txn", { zxid: 4 });
    expect(disk.completeSync(disk.beginSync())).toBe(true);
    expect(disk.readLog("txn").records).toEqual([{ zxid: 1 }, { zxid: 4 }]);
  });

  it("a process kill still hands its unsynced writes to the OS, armed or not", () => {
    const disk = new Disk();
    disk.append("txn", { zxid: 1 });
    disk.armWriteError();
    disk.kill();
    expect(disk.readLog("txn").records).toEqual([{ zxid: 1 }]);
  });

  it("the writer is told: fsync-done carries failed, and the trace hashes it apart", () => {
    const inputs: Input<Message>[] = [];
    const writer: NodeProtocol<null, Message> = {
      name: "writer",
      init: () => ({
        state: null,
        effects: [
          { kind: "append", log: "txn", record: 1 },
          { kind: "fsync", token: 7 },
        ],
      }),
      step: (state, input) => {
        inputs.push(input);
        return { state, effects: [] };
      },
    };
    const run = (armed: boolean) => {
      const sim = new Simulation({ seed: 1, keepTrace: true });
      sim.addNode("a", writer);
      if (armed) sim.schedule([{ atUs: 0, op: { f: "disk-error", node: nodeId("a") } }]);
      sim.run({ untilUs: 1_000_000 });
      return sim;
    };
    const failed = run(true);
    expect(inputs).toEqual([{ kind: "fsync-done", token: 7, failed: true }]);
    expect(failed.nodeOf("a").disk.readLog("txn").records).toEqual([]);
    const ok = run(false);
    expect(inputs[1]).toEqual({ kind: "fsync-done", token: 7 });
    expect(ok.traceHash).not.toBe(failed.traceHash);
  });
});

describe("exit: the process ends itself", () => {
  it("an exit at start-up takes the node down, traced; a restart runs init again", () => {
    let starts = 0;
    const refusing: NodeProtocol<null, Message> = {
      name: "refusing",
      init: () => {
        starts++;
        return {
          state: null,
          effects: [
            { kind: "exit", reason: "cannot start" },
            { kind: "append", log: "txn", record: 1 },
          ],
        };
      },
      step: (state) => ({ state, effects: [] }),
    };
    const sim = new Simulation({ seed: 1, keepTrace: true });
    sim.addNode("a", refusing);
    sim.schedule([{ atUs: 500_000, op: { f: "restart", node: nodeId("a") } }]);
    sim.run({ untilUs: 1_000_000 });
    expect(starts).toBe(2);
    expect(sim.statusOf("a")).toBe("down");
    expect(sim.traceEntries.filter((e) => e.kind === "exit").map((e) => e.text)).toEqual([
      "exit: cannot start",
      "exit: cannot start",
    ]);
    // Effects after the exit are dropped.
    expect(sim.nodeOf("a").disk.unsyncedCount).toBe(0);
  });
});
