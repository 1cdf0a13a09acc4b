// Random small histories for differential and mutation tests. A history is produced by simulating
// concurrent clients against a real object (so many histories are linearizable), then, when asked,
// corrupting some results (so many are not). Completions are `ok`, `fail` (only for operations that
// did not take effect) or `info`; some invokes never complete.
import type { Json } from "../../sim/api/json.js";
import type { HistoryEvent } from "../../sim/history/index.js";

export const DIFFERENTIAL_MODELS = [
  "register",
  "cas-register",
  "kv",
  "mutex",
  "set",
  "fifo-queue",
  "unordered-queue",
  "multi-register",
] as const;
export type DifferentialModel = (typeof DIFFERENTIAL_MODELS)[number];

/** A deterministic generator so a failing case is replayed from fast-check's seed. */
export class Draw {
  private state: number;
  constructor(seed: number) {
    this.state = seed | 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new RangeError("pick from an empty list");
    return item;
  }
}

/** The real object: applies an invocation, returning its result and the new state. */
type Apply = (
  state: Json,
  f: string,
  input: Json,
  draw: Draw,
  process: number,
) => { output: Json; state: Json } | null;

export interface Spec {
  readonly init: Json;
  readonly invoke: (draw: Draw) => { f: string; input: Json; key?: string };
  readonly apply: Apply;
  /** A plausible but possibly wrong result, to corrupt a history. */
  readonly corrupt: (f: string, input: Json, draw: Draw) => Json;
}

function sortedJson(values: readonly Json[]): Json[] {
  return [...values].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

const register: Spec = {
  init: null,
  invoke: (d) => (d.int(2) === 0 ? { f: "read", input: null } : { f: "write", input: d.int(3) }),
  apply: (s, f, input) =>
    f === "read" ? { output: s, state: s } : { output: input, state: input },
  corrupt: (f, input, d) => (f === "read" ? d.pick([null, 0, 1, 2]) : input),
};

const casRegister: Spec = {
  init: 0,
  invoke: (d) => {
    const choice = d.int(3);
    if (choice === 0) return { f: "read", input: null };
    if (choice === 1) return { f: "write", input: d.int(3) };
    return { f: "cas", input: [d.int(3), d.int(3)] };
  },
  apply: (s, f, input) => {
    if (f === "read") return { output: s, state: s };
    if (f === "write") return { output: input, state: input };
    const [expected, value] = Array.isArray(input) ? input : [];
    return expected === s ? { output: input, state: value ?? null } : null;
  },
  corrupt: (f, input, d) => (f === "read" ? d.pick([0, 1, 2]) : input),
};

function kvState(state: Json): Record<string, string> {
  return typeof state === "object" && state !== null && !Array.isArray(state)
    ? (state as Record<string, string>)
    : {};
}

const kv: Spec = {
  init: "",
  invoke: (d) => {
    const key = d.pick(["a", "b"]);
    const choice = d.int(3);
    if (choice === 0) return { f: "get", input: null, key };
    return { f: choice === 1 ? "put" : "append", input: d.pick(["x", "y"]), key };
  },
  apply: () => null,
  corrupt: (_f, _input, d) => d.pick(["", "x", "y", "xy", "yx"]),
};

/**
 * kv histories of one key where appends dominate and puts are rare: long stretches in which only appends
 * can precede a get, which is where the search prunes by growth (Model.growth).
 */
export const KV_APPEND_HEAVY: Spec = {
  ...kv,
  invoke: (d) => {
    const roll = d.int(20);
    if (roll < 8) return { f: "get", input: null, key: "a" };
    if (roll === 8) return { f: "put", input: d.pick(["x", "y"]), key: "a" };
    return { f: "append", input: d.pick(["x", "y", "z"]), key: "a" };
  },
};

/** kv needs the key, so it is applied by `applyKv` with the event's key. */
function applyKv(state: Json, f: string, input: Json, key: string): { output: Json; state: Json } {
  const values = kvState(state);
  const current = values[key] ?? "";
  if (f === "get") return { output: current, state };
  const next = f === "put" ? String(input) : current + String(input);
  return { output: input, state: { ...values, [key]: next } };
}

const mutex: Spec = {
  init: false,
  invoke: (d) => ({ f: d.pick(["acquire", "release"]), input: null }),
  apply: (s, f) => {
    if (f === "acquire") return s === true ? null : { output: null, state: true };
    return s === true ? { output: null, state: false } : null;
  },
  corrupt: () => null,
};

const set: Spec = {
  init: null,
  invoke: (d) => (d.int(2) === 0 ? { f: "read", input: null } : { f: "add", input: d.int(3) }),
  apply: (s, f, input) => {
    const members = Array.isArray(s) ? s : [];
    if (f === "read") return { output: members, state: s };
    return {
      output: input,
      state: members.includes(input) ? members : sortedJson([...members, input]),
    };
  },
  corrupt: (_f, _input, d) => d.pick([[], [0], [1], [0, 1], [2], [0, 1, 2]]),
};

function queue(fifo: boolean): Spec {
  return {
    init: null,
    invoke: (d) =>
      d.int(2) === 0 ? { f: "dequeue", input: null } : { f: "enqueue", input: d.int(3) },
    apply: (s, f, input, d) => {
      const elements = Array.isArray(s) ? s : [];
      if (f === "enqueue") return { output: input, state: [...elements, input] };
      if (elements.length === 0) return { output: null, state: elements };
      const index = fifo ? 0 : d.int(elements.length);
      return { output: elements[index] ?? null, state: elements.filter((_, i) => i !== index) };
    },
    corrupt: (f, input, d) => (f === "dequeue" ? d.pick([null, 0, 1, 2]) : input),
  };
}

const multiRegister: Spec = {
  init: { x: 0, y: 0 },
  invoke: (d) => {
    const micro = () => [d.pick(["read", "write"]), d.pick(["x", "y"]), d.int(2)] as Json[];
    const micros = d.int(2) === 0 ? [micro()] : [micro(), micro()];
    return {
      f: "txn",
      input: micros.map((m) => (m[0] === "read" ? [m[0], m[1] ?? null, null] : m)),
    };
  },
  apply: (s, _f, input) => {
    const registers = kvState(s) as unknown as Record<string, Json>;
    const micros = Array.isArray(input) ? (input as Json[][]) : [];
    const output = micros.map((m) =>
      m[0] === "read" ? [m[0], m[1] ?? null, registers[String(m[1])] ?? null] : m,
    );
    const next = { ...registers };
    for (const m of micros) if (m[0] === "write") next[String(m[1])] = m[2] ?? null;
    return { output, state: next };
  },
  corrupt: (_f, input, d) =>
    (Array.isArray(input) ? (input as Json[][]) : []).map((m) =>
      m[0] === "read" ? [m[0], m[1] ?? null, d.int(2)] : m,
    ),
};

export const SPECS: Readonly<Record<DifferentialModel, Spec>> = {
  register,
  "cas-register": casRegister,
  kv,
  mutex,
  set,
  "fifo-queue": queue(true),
  "unordered-queue": queue(false),
  "multi-register": multiRegister,
};

export interface HistoryShape {
  readonly processes: number;
  readonly operations: number;
  /** Probability that a completed operation's result is replaced by a random one. */
  readonly corruption: number;
}

interface Pending {
  /** The real result once the operation took effect, or NOT_APPLICABLE when it could not. */
  effect?: Json | typeof NOT_APPLICABLE;
  readonly process: number;
  readonly f: string;
  readonly input: Json;
  readonly key: string | undefined;
}

const NOT_APPLICABLE = Symbol("not applicable");

function takeEffect(model: string, spec: Spec, state: Json, op: Pending, draw: Draw) {
  if (model === "kv") return applyKv(state, op.f, op.input, op.key ?? "");
  return spec.apply(state, op.f, op.input, draw, op.process);
}

/** Generates one history; the same model, seed and shape always give the same events. */
export function randomHistory(
  model: DifferentialModel,
  seed: number,
  shape: HistoryShape,
  spec?: Spec,
): HistoryEvent[];
/** Any other model brings its own spec (the znode tree's lives with its tests). */
export function randomHistory(
  model: string,
  seed: number,
  shape: HistoryShape,
  spec: Spec,
): HistoryEvent[];
export function randomHistory(
  model: string,
  seed: number,
  shape: HistoryShape,
  spec: Spec = SPECS[model as DifferentialModel],
): HistoryEvent[] {
  const draw = new Draw(seed);
  const events: HistoryEvent[] = [];
  const emit = (event: Omit<HistoryEvent, "line">) =>
    events.push({ ...event, line: events.length + 1 });
  const pending = new Map<number, Pending>();
  const idle = Array.from({ length: shape.processes }, (_, index) => index);
  let state: Json = model === "kv" ? {} : spec.init;
  let invoked = 0;
  let nextProcess = shape.processes;
  while (invoked < shape.operations || pending.size > 0) {
    const choice = draw.int(4);
    const open = [...pending.values()];
    if ((choice === 0 || open.length === 0) && invoked < shape.operations && idle.length > 0) {
      const process = idle.splice(draw.int(idle.length), 1)[0] ?? 0;
      const { f, input, key } = spec.invoke(draw);
      pending.set(process, { process, f, input, key });
      emit({ process, type: "invoke", f, value: input, key });
      invoked++;
    } else if (choice === 1 && open.some((op) => op.effect === undefined)) {
      const op = draw.pick(open.filter((candidate) => candidate.effect === undefined));
      const result = takeEffect(model, spec, state, op, draw);
      if (result === null) op.effect = NOT_APPLICABLE;
      else {
        state = result.state;
        op.effect = result.output;
      }
    } else if (open.length > 0) {
      const op = draw.pick(open);
      pending.delete(op.process);
      const roll = draw.next();
      if (op.effect === NOT_APPLICABLE && draw.next() < shape.corruption) {
        // A corrupted history claims that an operation which could not happen succeeded.
        emit({
          process: op.process,
          type: "ok",
          f: op.f,
          value: spec.corrupt(op.f, op.input, draw),
          key: op.key,
        });
        idle.push(op.process);
      } else if (op.effect === undefined || op.effect === NOT_APPLICABLE) {
        const type = roll < 0.8 ? "fail" : "info";
        emit({ process: op.process, type, f: op.f, value: op.input, key: op.key });
        if (type === "fail") idle.push(op.process);
        else idle.push(nextProcess++);
      } else if (roll < 0.8) {
        const value =
          draw.next() < shape.corruption ? spec.corrupt(op.f, op.input, draw) : op.effect;
        emit({ process: op.process, type: "ok", f: op.f, value, key: op.key });
        idle.push(op.process);
      } else {
        // Took effect but the client never learned of it: `info`, or no completion at all.
        if (roll < 0.9)
          emit({ process: op.process, type: "info", f: op.f, value: op.input, key: op.key });
        idle.push(nextProcess++);
      }
    } else {
      emit({ process: null, type: "info", f: "start", value: null, key: undefined });
    }
  }
  return events;
}
