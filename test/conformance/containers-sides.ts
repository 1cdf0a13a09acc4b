// Container and TTL creates (opcodes 19 and 21, which node-zookeeper-client cannot send), delete, exists
// and getChildren, run the same way on a real ZooKeeper over jute (jute-client.ts) and on the simulated
// service, each side with a clock: the real one's wall clock, the simulated one's own. Test-only code.

import { codeOfNumber } from "../../protocol/zk/data-tree/index.js";
import type { Json } from "../../sim/api/index.js";
import type { CallOutcome } from "./calls-ops.js";
import { callAcl } from "./calls-ops.js";
import { statOf } from "./calls-real.js";
import { JuteSession, JuteWriter, type RawReply, readStat } from "./jute-client.js";
import type { NormalStat } from "./ops.js";
import type { SimService } from "./sim-driver.js";

export type ContainerMode =
  | "persistent"
  | "container"
  | "persistent_with_ttl"
  | "persistent_sequential_with_ttl";

/** Absolute paths; one session ("A") on each side. */
export type ContainerOp =
  | {
      readonly op: "create";
      readonly path: string;
      readonly mode: ContainerMode;
      readonly ttlMs?: number;
    }
  | { readonly op: "delete" | "exists" | "getChildren"; readonly path: string };

/** One side of the comparison: its calls, and a clock that waits pass on. */
export type Side = {
  readonly run: (op: ContainerOp) => Promise<CallOutcome>;
  readonly nowMs: () => number;
  readonly sleep: (durationMs: number) => Promise<void>;
  readonly end: () => Promise<void>;
};

/** ZooDefs.OpCode and CreateMode's flags. */
const OP = {
  delete: 2,
  exists: 3,
  getChildren2: 12,
  create2: 15,
  createContainer: 19,
  createTTL: 21,
};
const FLAGS: Readonly<Record<ContainerMode, number>> = {
  persistent: 0,
  container: 4,
  persistent_with_ttl: 5,
  persistent_sequential_with_ttl: 6,
};

const NO_OWNERS: ReadonlyMap<bigint, string> = new Map();

function statOfReply(reply: RawReply & { lost: false }): NormalStat {
  return statOf(readStat(reply.body), NO_OWNERS);
}

/** The request of one op: createContainer and createTTL as the Java client sends them (create2 otherwise). */
function requestOf(op: ContainerOp): { readonly type: number; readonly record: Buffer } {
  const writer = new JuteWriter().string(op.path);
  switch (op.op) {
    case "create": {
      writer.buffer(Buffer.alloc(0)).acl(callAcl("open")).int(FLAGS[op.mode]);
      if (op.ttlMs !== undefined) writer.long(BigInt(op.ttlMs));
      const type =
        op.mode === "container"
          ? OP.createContainer
          : op.ttlMs !== undefined
            ? OP.createTTL
            : OP.create2;
      return { type, record: writer.done() };
    }
    case "delete":
      return { type: OP.delete, record: writer.int(-1).done() };
    case "exists":
      return { type: OP.exists, record: writer.bool(false).done() };
    case "getChildren":
      return { type: OP.getChildren2, record: writer.bool(false).done() };
  }
}

async function runReal(jute: JuteSession, op: ContainerOp): Promise<CallOutcome> {
  const { type, record } = requestOf(op);
  const reply = await jute.request(type, record);
  if (reply.lost) return { ok: false, code: "CONNECTIONLOSS" };
  if (reply.err !== 0) return { ok: false, code: codeOfNumber(reply.err) ?? String(reply.err) };
  switch (op.op) {
    case "create":
      return { ok: true, path: reply.body.string() ?? "", stat: statOfReply(reply) };
    case "delete":
      return { ok: true };
    case "exists":
      return { ok: true, stat: statOfReply(reply) };
    case "getChildren": {
      const children = reply.body.strings().sort();
      return { ok: true, children, stat: statOfReply(reply) };
    }
  }
}

export async function realSide(port: number): Promise<Side> {
  const jute = new JuteSession("127.0.0.1", port);
  await jute.connect();
  return {
    run: (op) => runReal(jute, op),
    nowMs: () => performance.now(),
    sleep: (durationMs) => new Promise((resolve) => setTimeout(resolve, Math.max(0, durationMs))),
    end: () => jute.close(),
  };
}

function simValue(op: ContainerOp): { readonly f: string; readonly value: Json } {
  if (op.op === "create") {
    const ttl = op.ttlMs === undefined ? {} : { ttlMs: op.ttlMs };
    return { f: "create", value: { path: op.path, data: "", mode: op.mode, ...ttl } };
  }
  if (op.op === "delete") return { f: "delete", value: { path: op.path, version: -1 } };
  return { f: op.op, value: { path: op.path, watch: false } };
}

function runSim(service: SimService, op: ContainerOp): CallOutcome {
  const { f, value } = simValue(op);
  const done = service.call("A", f, value);
  const fields = (done.value ?? {}) as { readonly [key: string]: Json };
  if (done.type !== "ok") return { ok: false, code: `CLIENT:${String(fields.error)}` };
  if (typeof fields.error === "string") return { ok: false, code: fields.error };
  const stat = fields.stat === undefined ? {} : { stat: service.stat(fields.stat) };
  const path = typeof fields.path === "string" && op.op === "create" ? { path: fields.path } : {};
  const children = Array.isArray(fields.children)
    ? { children: fields.children.map(String).sort() }
    : {};
  return { ok: true, ...path, ...stat, ...children };
}

export function simSide(service: SimService): Side {
  service.open("A");
  return {
    run: (op) => Promise.resolve(runSim(service, op)),
    nowMs: () => service.nowMs,
    sleep: (durationMs) => Promise.resolve(service.idle(durationMs)),
    end: () => Promise.resolve(service.close("A")),
  };
}
