// The consistency check's violations as people and tools read them: messages with hex zxids and session ids
// and short answers (no Stat JSON), and locations that name the records of every operation involved.
import { expect, test } from "vitest";
import { checkZooKeeper, type ZkRecord } from "../../../../protocol/zk/consistency/index.js";
import { simulate } from "./reference-sim.js";

const SESSION = 0x10000000001;
const ZXID = 0x100000001;

/** One client creates /x and reads it back; sessions and zxids as a real server numbers them. */
function run(): ZkRecord[] {
  return simulate(1, [
    { kind: "call", client: 0, f: "create", value: { path: "/x", data: "a" } },
    { kind: "call", client: 0, f: "getData", value: { path: "/x" } },
  ]).records.map((r) =>
    r.kind === "complete"
      ? { ...r, session: SESSION, zxid: r.zxid === null ? null : r.zxid + ZXID - 1 }
      : r,
  );
}

test("a session going back in time: hex zxids and session, the write it had seen by record", () => {
  const records = run();
  const last = records.length - 1;
  const back = records.map((r, at) =>
    at === last && r.kind === "complete" ? { ...r, zxid: ZXID - 1 } : r,
  );
  const violation = checkZooKeeper(back).violations.find((v) => v.check === "session-order");
  expect(violation?.message).toContain("session 0x10000000001 went back in time");
  expect(violation?.message).toContain('create /x "a" -> /x at 0x100000001');
  expect(violation?.message).not.toMatch(/czxid|(?<![0-9a-fx])\d{10,}/);
  const create = records.findIndex((r) => r.kind === "invoke" && r.f === "create");
  const read = records.findIndex((r) => r.kind === "invoke" && r.f === "getData");
  expect(violation?.at).toMatchObject({ record: read, relatedRecords: [create], zxid: ZXID - 1 });
});

test("a read of an invented state: the differing field, not the whole answer", () => {
  const records = run();
  const last = records.length - 1;
  const invented = records.map((r, at) =>
    at === last && r.kind === "complete" ? { ...r, value: { error: "NONODE" } } : r,
  );
  const violation = checkZooKeeper(invented).violations.find((v) => v.check === "read-state");
  expect(violation?.message).toContain("served at 0x100000001");
  expect(violation?.message).toContain("returned NONODE, the replay says OK");
  expect(violation?.message).not.toMatch(/"stat"/);
});
