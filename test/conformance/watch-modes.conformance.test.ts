// Differential test of what differs between ZooKeeper 3.8 and 3.9 in the service layer, against the real
// 3.8.0 server: ZOOKEEPER-4466 (a session's watch modes on one path: in 3.8 its last registration replaces
// the mode of the earlier one in each table, WatcherModeManager.setWatcherMode) and the notification's reply
// header zxid (-1 in 3.8; the txn's only from 3.9.0's ZOOKEEPER-4655). Session A registers two watches on one
// path in each order, session B then changes the path and a child; the events A receives after each change,
// and every notification's header zxid, must be the same on the real server and on zabsim in 3.8 mode.

import { describe, expect, it } from "vitest";
import type { Json } from "../../sim/api/index.js";
import { canonical } from "./compare.js";
import { JuteSession, JuteWriter } from "./jute-client.js";
import { SimService } from "./sim-driver.js";
import { realServerOfFile } from "./zk-server.js";

/** A registration by session A on the watched path (the Java client's call, its opcode on the wire). */
type Registration = "getData" | "exists" | "getChildren" | "persistent" | "persistentRecursive";
/** A change by session B: on the watched path `p`, or on its child `p/c`. */
type Change = { readonly f: "create" | "setData" | "delete"; readonly path: "p" | "p/c" };

const CHANGES: readonly Change[] = [
  { f: "setData", path: "p" },
  { f: "create", path: "p/c" },
  { f: "setData", path: "p/c" },
  { f: "setData", path: "p" },
  { f: "delete", path: "p/c" },
  { f: "setData", path: "p" },
  { f: "delete", path: "p" },
];

/** Each pair of registrations where 4466 matters, both orders, and the pairs where it does not. */
const PAIRS: readonly (readonly [Registration, Registration])[] = [
  ["persistent", "getData"],
  ["persistent", "exists"],
  ["persistent", "getChildren"],
  ["getData", "persistent"],
  ["getChildren", "persistent"],
  ["persistentRecursive", "persistent"],
  ["persistent", "persistentRecursive"],
  ["persistentRecursive", "getData"],
  ["persistentRecursive", "getChildren"],
  ["getData", "persistentRecursive"],
  ["getChildren", "persistentRecursive"],
  ["getData", "getChildren"],
];

/** ZooDefs.OpCode and AddWatchMode. */
const OP = {
  create: 1,
  delete: 2,
  exists: 3,
  getData: 4,
  setData: 5,
  getChildren: 8,
  addWatch: 106,
};
const ADD_WATCH_MODE = { persistent: 0, persistentRecursive: 1 } as const;
const EVENT_TYPES: Readonly<Record<number, string>> = {
  1: "NodeCreated",
  2: "NodeDeleted",
  3: "NodeDataChanged",
  4: "NodeChildrenChanged",
};

let sequence = 0;
const totals = { compared: 0, events: 0, mismatches: [] as string[] };
const realPort = realServerOfFile(() => {
  console.log(
    `watch modes: ${totals.compared} steps compared, ${totals.events} notifications compared, ` +
      `${totals.mismatches.length} mismatches`,
  );
  for (const mismatch of totals.mismatches.slice(0, 20)) console.log(mismatch);
});

/** What one step shows: A's events (type and path below the root) and their header zxids. */
type Seen = { readonly events: readonly string[]; readonly zxids: readonly string[] };

function writeRecord(f: Change["f"], path: string): { readonly op: number; readonly body: Buffer } {
  const data = Buffer.from("x");
  if (f === "delete") return { op: OP.delete, body: new JuteWriter().string(path).int(-1).done() };
  if (f === "setData")
    return { op: OP.setData, body: new JuteWriter().string(path).buffer(data).int(-1).done() };
  return { op: OP.create, body: createBody(path, data) };
}

/** CreateRequest {path, data, acl: [OPEN_ACL_UNSAFE: perms ALL, world:anyone], flags: PERSISTENT}. */
function createBody(path: string, data: Buffer): Buffer {
  return new JuteWriter()
    .string(path)
    .buffer(data)
    .int(1)
    .int(31)
    .string("world")
    .string("anyone")
    .int(0)
    .done();
}

function registrationRecord(
  r: Registration,
  path: string,
): { readonly op: number; readonly body: Buffer } {
  if (r === "persistent" || r === "persistentRecursive")
    return { op: OP.addWatch, body: new JuteWriter().string(path).int(ADD_WATCH_MODE[r]).done() };
  return { op: OP[r], body: new JuteWriter().string(path).bool(true).done() };
}

async function realSteps(
  port: number,
  root: string,
  pair: readonly Registration[],
): Promise<Seen[]> {
  const a = new JuteSession("127.0.0.1", port);
  const b = new JuteSession("127.0.0.1", port);
  await a.connect();
  await b.connect();
  const send = async (
    session: JuteSession,
    record: { readonly op: number; readonly body: Buffer },
  ) => {
    const reply = await session.request(record.op, record.body);
    if (reply.lost) throw new Error("the real server closed the connection");
    return reply.err;
  };
  await send(b, { op: OP.create, body: createBody(root, Buffer.from("")) });
  await send(b, { op: OP.create, body: createBody(`${root}/p`, Buffer.from("")) });
  for (const registration of pair) await send(a, registrationRecord(registration, `${root}/p`));
  const steps: Seen[] = [];
  for (const change of CHANGES) {
    await send(b, writeRecord(change.f, `${root}/${change.path}`));
    // A round trip on A: the events of B's write were queued on A's connection before B's reply.
    await send(a, { op: OP.exists, body: new JuteWriter().string("/").bool(false).done() });
    const events = a.events.splice(0);
    steps.push({
      events: events.map((e) => `${EVENT_TYPES[e.type] ?? "?"} ${e.path.slice(root.length)}`),
      zxids: events.map((e) => String(e.zxid)),
    });
  }
  await a.close();
  await b.close();
  return steps;
}

function simSteps(root: string, pair: readonly Registration[]): Seen[] {
  const service = new SimService({ servers: 3, clientsOnFirstServer: true });
  service.open("A");
  service.open("B");
  const call = (label: "A" | "B", f: string, value: Json) => {
    const done = service.call(label, f, value);
    if (done.type !== "ok") throw new Error(`${f} on ${label} failed: ${JSON.stringify(done)}`);
  };
  call("B", "create", { path: root, data: "" });
  call("B", "create", { path: `${root}/p`, data: "" });
  for (const registration of pair) {
    const path = `${root}/p`;
    if (registration === "persistent" || registration === "persistentRecursive")
      call("A", "addWatch", { path, mode: registration });
    else call("A", registration, { path, watch: true });
  }
  service.settle();
  service.notificationZxids.splice(0);
  const steps: Seen[] = [];
  for (const change of CHANGES) {
    const path = `${root}/${change.path}`;
    if (change.f === "delete") call("B", "delete", { path, version: -1 });
    else if (change.f === "setData") call("B", "setData", { path, data: "x", version: -1 });
    else call("B", "create", { path, data: "x" });
    const events = service.settle().filter((e) => e.session.startsWith("A"));
    steps.push({
      events: events.map((e) => `${e.type} ${e.path.slice(root.length)}`),
      zxids: service.notificationZxids.splice(0).map(String),
    });
  }
  service.close("A");
  service.close("B");
  return steps;
}

async function compareModes(pair: readonly Registration[]): Promise<{
  readonly mismatches: string[];
  readonly events: number;
}> {
  sequence += 1;
  const root = `/modes${sequence}`;
  const real = await realSteps(realPort(), root, pair);
  const sim = simSteps(root, pair);
  const mismatches: string[] = [];
  let events = 0;
  for (const [index, change] of CHANGES.entries()) {
    const realText = canonical(real[index] ?? null);
    const simText = canonical(sim[index] ?? null);
    totals.compared += 1;
    events += real[index]?.events.length ?? 0;
    if (realText !== simText)
      mismatches.push(
        `${pair.join(" then ")} #${index} ${change.f} ${change.path}\n  real: ${realText}\n  sim:  ${simText}`,
      );
  }
  totals.events += events;
  totals.mismatches.push(...mismatches);
  return { mismatches, events };
}

describe("watch modes on one path and notification zxids: zabsim (3.8) vs real ZooKeeper 3.8.0", () => {
  for (const pair of PAIRS) {
    it(`${pair[0]} then ${pair[1]} on one path: the same events, each with header zxid -1`, async () => {
      const { mismatches, events } = await compareModes(pair);
      expect(mismatches).toEqual([]);
      // A comparison of nothing would prove nothing: every pair here gets some event.
      expect(events).toBeGreaterThan(0);
    }, 120_000);
  }
});
