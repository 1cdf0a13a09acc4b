import { describe, expect, it } from "vitest";
import { Disk } from "../../sim/disk/index.js";

function withWrites(): Disk {
  const disk = new Disk();
  disk.append("txn", { zxid: 1 });
  disk.append("txn", { zxid: 2 });
  disk.writeFile("currentEpoch", 1);
  return disk;
}

describe("disk", () => {
  it("nothing is durable before an fsync completes", () => {
    const disk = withWrites();
    const sync = disk.beginSync();
    expect(disk.readLog("txn").records).toEqual([]);
    disk.completeSync(sync);
    expect(disk.readLog("txn")).toEqual({ records: [{ zxid: 1 }, { zxid: 2 }], damage: null });
    expect(disk.readFile("currentEpoch")).toEqual({ data: 1, damage: null });
  });

  it("an fsync covers only the writes issued before it", () => {
    const disk = withWrites();
    const sync = disk.beginSync();
    disk.append("txn", { zxid: 3 });
    disk.completeSync(sync);
    disk.crash();
    expect(disk.readLog("txn").records).toEqual([{ zxid: 1 }, { zxid: 2 }]);
  });

  it("a crash loses unsynced writes; a process kill does not", () => {
    const crashed = withWrites();
    crashed.crash();
    expect(crashed.readLog("txn").records).toEqual([]);
    expect(crashed.readFile("currentEpoch")).toBeUndefined();
    const killed = withWrites();
    killed.kill();
    expect(killed.readLog("txn").records).toEqual([{ zxid: 1 }, { zxid: 2 }]);
  });

  it("truncate and delete apply in order at sync", () => {
    const disk = withWrites();
    disk.truncate("txn", 1);
    disk.append("txn", { zxid: 9 });
    disk.deleteFile("currentEpoch");
    disk.completeSync(disk.beginSync());
    expect(disk.readLog("txn").records).toEqual([{ zxid: 1 }, { zxid: 9 }]);
    expect(disk.fileNames()).toEqual([]);
    expect(disk.logNames()).toEqual(["txn"]);
  });

  it("a torn write leaves a short last record that the reader reports as torn", () => {
    const disk = new Disk();
    disk.append("txn", { zxid: 1 });
    disk.completeSync(disk.beginSync());
    disk.append("txn", { zxid: 2, data: "a longer record that is cut in half" });
    disk.armTornWrite();
    disk.crash();
    expect(disk.readLog("txn")).toEqual({
      records: [{ zxid: 1 }],
      damage: { kind: "torn", index: 1 },
    });
  });

  it("a corrupted record is caught by its checksum and stops the read there", () => {
    const disk = withWrites();
    disk.append("txn", { zxid: 3 });
    disk.completeSync(disk.beginSync());
    expect(disk.corrupt({ log: "txn", index: 1 }, 0.5)).toBe(true);
    expect(disk.readLog("txn")).toEqual({
      records: [{ zxid: 1 }],
      damage: { kind: "corrupt", index: 1 },
    });
    expect(disk.corrupt({ file: "currentEpoch" }, 0)).toBe(true);
    expect(disk.readFile("currentEpoch")).toEqual({
      data: null,
      damage: { kind: "corrupt", index: 0 },
    });
    expect(disk.corrupt({ log: "txn", index: 7 }, 0.5)).toBe(false);
  });
});

describe("disk records", () => {
  it("intact records are kept as written, not serialised, until a fault damages them", () => {
    // Json handed to the kernel is immutable by contract (readonly types); the disk shares it rather than
    // paying for JSON on every append. A torn or corrupted record is serialised and checked as bytes.
    const disk = new Disk();
    const record = { zxid: 1, path: "/a" };
    disk.append("txn", record);
    disk.completeSync(disk.beginSync());
    const read = disk.readLog("txn");
    expect(read.records[0]).toBe(record);
    expect(disk.corrupt({ log: "txn", index: 0 }, 0.3)).toBe(true);
    expect(disk.readLog("txn")).toEqual({ records: [], damage: { kind: "corrupt", index: 0 } });
  });
});
