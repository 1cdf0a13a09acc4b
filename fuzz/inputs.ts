// Malformed inputs for the CLI fuzzer: scenario files, histories (JSON lines and EDN), merge inputs and run
// directory files, each drawn from a seeded generator, each with whether it is known-bad input (the CLI must
// then exit with 2). The texts are small except where size is the point.

/** A deterministic generator (mulberry32): the same seed gives the same cases on every machine. */
export class FuzzRng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }
  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }
}

/** A file's content and whether handing it to the command that reads it is known-bad input. */
export interface Input {
  readonly text: string | Uint8Array;
  readonly bad: boolean;
  readonly what: string;
}

const DEEP = 100_000;
export const deepJson = (): string => `${"[".repeat(DEEP)}${"]".repeat(DEEP)}`;
const bad = (what: string, text: string | Uint8Array): Input => ({ text, bad: true, what });
const odd = (what: string, text: string | Uint8Array): Input => ({ text, bad: false, what });

/** A valid, cheap scenario: three servers, two simulated seconds plus two of recovery. */
export const SMALL_SCENARIO = {
  name: "fz",
  system: "zab",
  cluster: { servers: 3 },
  durationMs: 2_000,
  recoveryMs: 2_000,
};

function scenarioWith(fields: Record<string, unknown>): string {
  return JSON.stringify({ ...SMALL_SCENARIO, ...fields });
}

const SCENARIOS: readonly ((r: FuzzRng) => Input)[] = [
  () => bad("empty scenario file", ""),
  () => bad("truncated JSON", scenarioWith({}).slice(0, 20)),
  () => bad("a JSON array", "[]"),
  () => bad("null", "null"),
  () => bad("name of the wrong type", scenarioWith({ name: 5 })),
  () => bad("durationMs as a string", scenarioWith({ durationMs: "10" })),
  (r) => bad("durationMs out of range", scenarioWith({ durationMs: r.pick([1e15, -1, 0, 1e308]) })),
  () => bad("recoveryMs 1e12", scenarioWith({ recoveryMs: 1e12 })),
  () => bad("NaN literal", '{"name":"fz","durationMs":NaN}'),
  () => bad("everyMs 0.000001", scenarioWith({ clients: { everyMs: 0.000001 } })),
  (r) => bad("huge client count", scenarioWith({ clients: { count: r.pick([65, 1e9, -3]) } })),
  (r) => bad("cluster size out of range", scenarioWith({ cluster: { servers: r.pick([0, 100]) } })),
  (r) =>
    bad("tickTimeMs out of range", scenarioWith({ zookeeper: { tickTimeMs: r.pick([0, 1e12]) } })),
  () => bad("a 300-character name", scenarioWith({ name: "a".repeat(300) })),
  (r) =>
    bad("a name that is a path", scenarioWith({ name: r.pick(["..", ".", "a/b", "ümlaut", ""]) })),
  () => bad("nested 100,000 levels", `{"name":"fz","description":${deepJson()}}`),
  (r) => bad("binary garbage", r.bytes(r.int(1, 2_000))),
  () =>
    bad(
      "a schedule op after durationMs",
      scenarioWith({
        nemesis: { kind: "schedule", ops: [{ atMs: 63_000, op: { f: "crash", node: "n1" } }] },
      }),
    ),
  () =>
    bad(
      "a schedule op at 1e9 ms",
      scenarioWith({
        nemesis: { kind: "schedule", ops: [{ atMs: 1e9, op: { f: "crash", node: "n1" } }] },
      }),
    ),
  () => bad("an unknown field", scenarioWith({ colour: "blue" })),
  () => bad("an unknown bug", scenarioWith({ bugs: ["ZOOKEEPER-0"] })),
  () =>
    bad("a generator with no faults", scenarioWith({ nemesis: { kind: "generator", faults: [] } })),
  () =>
    bad(
      "meanGapMs 1e-9",
      scenarioWith({
        nemesis: {
          kind: "generator",
          faults: ["crash"],
          intensity: { meanGapMs: 1e-9, meanDurationMs: 1 },
        },
      }),
    ),
  () => odd("a unicode description", scenarioWith({ description: "✓ ünïcødé 🦓 \u202e" })),
  () => odd("a byte-order mark before valid JSON", `\ufeff${scenarioWith({})}`),
  () => odd("duplicate keys", `{"name":"fz","name":"fz2","durationMs":2000,"recoveryMs":2000}`),
  () => odd("a 2 MB description", scenarioWith({ description: "x".repeat(2_000_000) })),
];

export function scenarioInput(r: FuzzRng): Input {
  return r.pick(SCENARIOS)(r);
}

const W = (process: number, type: string, value: unknown, f = "write"): string =>
  JSON.stringify({ process, type, f, value });
const GOOD_JSONL = [
  W(0, "invoke", 1),
  W(0, "ok", 1),
  W(1, "invoke", null, "read"),
  W(1, "ok", 1, "read"),
];

const JSONL: readonly ((r: FuzzRng) => Input)[] = [
  () => odd("a good history", GOOD_JSONL.join("\n")),
  () => odd("CRLF line ends", GOOD_JSONL.join("\r\n")),
  () => odd("an empty history", ""),
  () => odd("only blank lines", "\n\n  \n"),
  () => odd("a byte-order mark", `\ufeff${GOOD_JSONL.join("\n")}`),
  // Cut inside the second line (it is 49 characters), never at a line's end.
  (r) =>
    bad("truncated mid-line", `${GOOD_JSONL[0]}\n${(GOOD_JSONL[1] ?? "").slice(0, r.int(1, 40))}`),
  () =>
    bad(
      "nested 100,000 levels",
      `${GOOD_JSONL.join("\n")}\n${W(2, "invoke", 0).replace("0}", `${deepJson()}}`)}`,
    ),
  () => bad("an unknown type", W(0, "maybe", 1)),
  () => bad("no process", JSON.stringify({ type: "invoke", f: "write", value: 1 })),
  () => bad("f is a number", JSON.stringify({ process: 0, type: "invoke", f: 7, value: 1 })),
  () => bad("a NaN value", '{"process":0,"type":"invoke","f":"write","value":NaN}'),
  () => bad("a JSON array line", JSON.stringify([GOOD_JSONL])),
  (r) => bad("binary garbage", r.bytes(r.int(1, 4_000))),
  () => odd("completion without invoke", W(0, "ok", 1)),
  () => odd("a 5 MB value", [W(0, "invoke", "x".repeat(5_000_000)), W(0, "ok", "x")].join("\n")),
  () => {
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) lines.push(W(i % 5, "invoke", i), W(i % 5, "ok", i));
    return odd("40,000 events", lines.join("\n"));
  },
];

const EDN_OP = "{:process 0 :type :invoke :f :write :value 1}";
const EDN_OK = "{:process 0 :type :ok :f :write :value 1}";

const EDN: readonly ((r: FuzzRng) => Input)[] = [
  () => odd("a good EDN vector", `[${EDN_OP}\n${EDN_OK}]`),
  () => odd("one map per line", `${EDN_OP}\n${EDN_OK}\n`),
  () =>
    odd(
      "odd literals",
      `${EDN_OP}\n{:process 0 :type :ok :f :write :value 1 :time #inst "2020-01-01" :r 1/2 :n 123456789012345678901234567890N :c \\newline}`,
    ),
  (r) => bad("truncated", `[${EDN_OP}\n${EDN_OK}]`.slice(0, r.int(5, 40))),
  () => bad("an unbalanced closer", `${EDN_OP}]`),
  () => bad("nested 100,000 levels", `{:process 0 :type :invoke :f :write :value ${deepJson()}}`),
  () => bad("a chain of 100,000 tags", `${"#a ".repeat(DEEP)}${EDN_OP}`),
  () => bad("a chain of 100,000 discards", `${"#_ ".repeat(DEEP)}1 ${EDN_OP}`),
  () => bad("an unknown type", "{:process 0 :type :perhaps :f :write :value 1}"),
  () => bad("a string never closed", '{:process 0 :type :invoke :f "write :value 1}'),
  (r) => bad("binary garbage", r.bytes(r.int(1, 4_000))),
];

/** A history file: its name decides the format (`.jsonl` or `.edn`). */
export function historyInput(r: FuzzRng): Input & { readonly name: string } {
  if (r.next() < 0.6) return { ...r.pick(JSONL)(r), name: "h.jsonl" };
  return { ...r.pick(EDN)(r), name: "h.edn" };
}

/** Lines of a `zabsim run --json` sweep, garbled; `valid` is a real sweep's output. */
export function mergeInput(r: FuzzRng, valid: string): Input {
  const first = valid.split("\n")[0] ?? "";
  const parsed = JSON.parse(first) as Record<string, unknown>;
  const choices: (() => Input)[] = [
    () => odd("a real sweep", valid),
    () => odd("an empty file", ""),
    () => bad("truncated mid-line", valid.slice(0, r.int(10, Math.max(11, first.length - 5)))),
    () => bad("garbage", "hello, world\n"),
    () => bad("a JSON array", `[${first}]\n`),
    () => bad("a line without a verdict", `${JSON.stringify({ ...parsed, verdict: undefined })}\n`),
    () => bad("a seed of the wrong type", `${JSON.stringify({ ...parsed, seed: "one" })}\n`),
    () => bad("nested 100,000 levels", `{"scenario":"x","seed":1,"verdict":${deepJson()}}\n`),
    () => bad("binary garbage", r.bytes(r.int(1, 3_000))),
  ];
  return r.pick(choices)();
}

/** A garbled run.json, trace.jsonl or scenario.json (the original's text given). */
export function runDirFile(r: FuzzRng, original: string): Input {
  const choices: (() => Input)[] = [
    () => bad("empty", ""),
    () =>
      bad(
        "truncated mid-text",
        original.slice(0, r.int(1, Math.max(2, Math.min(original.length - 2, 4_000)))),
      ),
    () => bad("garbage", "not json at all\n"),
    () => bad("binary garbage", r.bytes(r.int(1, 3_000))),
    () => bad("nested 100,000 levels", `${deepJson()}\n`),
    () => bad("a JSON array", "[1,2,3]\n"),
  ];
  return r.pick(choices)();
}

/**
 * run.json with one field changed. A seed that is not one is bad input for the commands that
 * re-run the seed (replay, shrink); other fields may be only shown, so their cases accept any exit code.
 */
export function runJsonField(r: FuzzRng, original: string): Input {
  const run = JSON.parse(original) as Record<string, unknown>;
  const field = r.pick([
    "seed",
    "scenario",
    "trace_hash",
    "verdict",
    "version",
    "bugs",
    "verdicts",
  ]);
  const value = r.pick<unknown>([null, "x", 1e300, [], { a: 1 }, "../../../etc", "a".repeat(300)]);
  const what = `run.json ${field}: ${JSON.stringify(value).slice(0, 20)}`;
  const text = JSON.stringify({ ...run, [field]: value });
  return field === "seed" ? bad(what, text) : odd(what, text);
}
