// The trace hash sees what happened, not only when (DESIGN.md, "Determinism rules" 5): two runs that differ only
// in a message's payload, a reply's value or fields, or a durable record hash differently, while their traces
// (times, kinds, nodes, message types) are line for line the same.
import { describe, expect, it } from "vitest";
import type {
  Effect,
  FingerprintSink,
  Input,
  Json,
  NodeContext,
  NodeProtocol,
} from "../../sim/api/index.js";
import { ms, nodeId } from "../../sim/api/index.js";
import { Simulation } from "../../sim/kernel/index.js";
import { fingerprintJson, TraceHash } from "../../sim/record/index.js";

type Proposal = {
  readonly type: "PROPOSAL";
  readonly zxid: number;
  readonly epoch: number;
  readonly data: Json;
};

/** What one variant of the test protocol does; the runs compared differ in exactly one of these. */
interface Variant {
  readonly data: Json;
  readonly zxid: number;
  readonly epoch: number;
  readonly replyType: "ok" | "fail";
  readonly replyValue: Json;
  readonly replyFields: { readonly [field: string]: Json };
  readonly record: Json;
  readonly file: Json;
  readonly truncateTo: number;
  /** Whether the protocol brings its own fingerprint or leaves messages to the kernel's Json walk. */
  readonly ownFingerprint: boolean;
}

const BASE: Variant = {
  data: "x",
  zxid: 1,
  epoch: 2,
  replyType: "ok",
  replyValue: "v",
  replyFields: { zxid: 1, server: "n1" },
  record: { zxid: 1, value: "x" },
  file: { epoch: 1 },
  truncateTo: 0,
  ownFingerprint: true,
};

/**
 * n1 sends n2 a PROPOSAL on every tick, appends a record, writes a file, truncates and fsyncs; a client request
 * is answered with the variant's reply. Nothing it does depends on the payloads, so every variant has the same
 * events at the same times.
 */
function proposer(variant: Variant): NodeProtocol<number, Proposal> {
  const tick = (ctx: NodeContext): Effect<Proposal>[] =>
    ctx.self === "n1"
      ? [
          {
            kind: "send",
            to: nodeId("n2"),
            msg: { type: "PROPOSAL", zxid: variant.zxid, epoch: variant.epoch, data: variant.data },
          },
          { kind: "append", log: "log", record: variant.record },
          { kind: "write-file", file: "epoch", data: variant.file },
          { kind: "truncate", log: "log", length: variant.truncateTo },
          { kind: "fsync" },
          { kind: "set-timer", timer: "tick", afterUs: ms(5) },
        ]
      : [];
  const protocol: NodeProtocol<number, Proposal> = {
    name: "proposer",
    init: (ctx) => ({ state: 0, effects: tick(ctx) }),
    step(state: number, input: Input<Proposal>, ctx: NodeContext) {
      if (input.kind === "timer") return { state: state + 1, effects: tick(ctx) };
      if (input.kind === "request") {
        const reply: Effect<Proposal> = {
          kind: "reply",
          requestId: input.request.requestId,
          type: variant.replyType,
          value: variant.replyValue,
          fields: variant.replyFields,
        };
        return { state, effects: [reply] };
      }
      return { state, effects: [] };
    },
    // The description names no field, so runs that differ in contents only have the same trace lines.
    describeMessage: (msg) => msg.type,
  };
  if (!variant.ownFingerprint) return protocol;
  return {
    ...protocol,
    fingerprintMessage(msg: Proposal, sink: FingerprintSink) {
      sink.number(msg.zxid);
      sink.number(msg.epoch);
      sink.json(msg.data);
    },
  };
}

function run(change: Partial<Variant> = {}): Simulation {
  const variant = { ...BASE, ...change };
  const sim = new Simulation({ seed: 5, keepTrace: true });
  for (const id of ["n1", "n2"]) sim.addNode(id, proposer(variant));
  for (let i = 0; i < 3; i++) {
    sim.submit({ atUs: 7_000 + i * 10_000, node: "n2", process: i, f: "read", value: null });
  }
  sim.run({ untilUs: 40_000 });
  return sim;
}

const texts = (sim: Simulation) => sim.traceEntries.map((e) => `${e.timeUs} ${e.kind} ${e.text}`);

/** Asserts the change alters only contents: same trace lines, another hash. */
function expectOnlyTheHashDiffers(change: Partial<Variant>): void {
  const base = run();
  const changed = run(change);
  expect(texts(changed)).toEqual(texts(base));
  expect(changed.traceHash, JSON.stringify(change)).not.toBe(base.traceHash);
}

describe("the trace hash sees contents", () => {
  it("the same seed twice gives the same hash, with and without the protocol's fingerprint", () => {
    expect(run().traceHash).toBe(run().traceHash);
    expect(run({ ownFingerprint: false }).traceHash).toBe(run({ ownFingerprint: false }).traceHash);
    expect(run().trace.count).toBeGreaterThan(10);
  });

  it("a PROPOSAL that differs only in its payload changes the hash (protocol fingerprint)", () => {
    expectOnlyTheHashDiffers({ data: "y" });
    expectOnlyTheHashDiffers({ data: { v: "x" } });
  });

  it("a PROPOSAL that differs only in its payload changes the hash (generic Json fallback)", () => {
    const base = run({ ownFingerprint: false });
    const changed = run({ ownFingerprint: false, data: "y" });
    expect(texts(changed)).toEqual(texts(base));
    expect(changed.traceHash).not.toBe(base.traceHash);
  });

  it("fields are separate words: swapping the zxid's and the epoch's values changes the hash", () => {
    expectOnlyTheHashDiffers({ zxid: 2, epoch: 1 });
    const fallback = run({ ownFingerprint: false });
    expect(run({ ownFingerprint: false, zxid: 2, epoch: 1 }).traceHash).not.toBe(
      fallback.traceHash,
    );
  });

  it("a reply that differs only in its value, its type or one extra field changes the hash", () => {
    expectOnlyTheHashDiffers({ replyValue: "w" });
    expectOnlyTheHashDiffers({ replyValue: null });
    expectOnlyTheHashDiffers({ replyType: "fail" });
    expectOnlyTheHashDiffers({ replyFields: { zxid: 2, server: "n1" } });
    expectOnlyTheHashDiffers({ replyFields: { zxid: 1, server: "n1", extra: true } });
  });

  it("a durable record, a file's data or a truncation point that differs alone changes the hash", () => {
    expectOnlyTheHashDiffers({ record: { zxid: 1, value: "y" } });
    expectOnlyTheHashDiffers({ record: { zxid: 2, value: "x" } });
    expectOnlyTheHashDiffers({ file: { epoch: 2 } });
    expectOnlyTheHashDiffers({ truncateTo: 1 });
  });

  it("object keys count in sorted order: the same record built in another key order hashes the same", () => {
    expect(run({ record: { value: "x", zxid: 1 } }).traceHash).toBe(run().traceHash);
  });
});

describe("the Json fingerprint", () => {
  const hashOf = (value: Json) => {
    const hash = new TraceHash();
    fingerprintJson(value, hash);
    return hash.hex;
  };

  it("tells apart values that print alike or swap places", () => {
    const values: Json[] = [
      null,
      false,
      true,
      0,
      1,
      -1,
      4_294_967_295,
      0.5,
      "",
      "1",
      "ab",
      "ba",
      "a\u0000",
      [],
      {},
      [1, 2],
      [2, 1],
      [[1], 2],
      [1, [2]],
      { a: 1, b: 2 },
      { a: 2, b: 1 },
      { a: "b" },
      { b: "a" },
      { ab: "" },
      ["a", "b"],
      ["ab"],
    ];
    const hashes = values.map(hashOf);
    expect(new Set(hashes).size).toBe(values.length);
  });

  it("is a fixed function of the value: a regression vector", () => {
    // Changing the walk changes every recorded trace hash; update this vector only on purpose.
    expect(hashOf({ zxid: 4_294_967_297, value: ["x", null, true, 0.25] })).toMatchInlineSnapshot(
      `"59e9060f26dd9d7e"`,
    );
  });
});
