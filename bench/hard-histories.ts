// Generated histories of the classes where linearizability checkers give up (issue 17, point 5): a register,
// a cas-register or a 10-key kv store; N concurrent clients; a share of writes that time out and stay open
// (`info`), half of which took effect at some later moment. Each history comes from a real object whose
// operations take effect at a random instant of their interval, so it is linearizable; its twin has one
// late read made stale (see stale-read.ts), which no linearization can explain. Values are unique per
// write, which is what lets the twin's verdict be known without a checker.
import type { Json } from "../sim/api/json.js";
import { Prng } from "../sim/prng/index.js";
import { makeInversion, makeStale } from "./stale-read.js";

export type HardModel = "register" | "cas-register" | "kv";
/** The history itself, or a twin with one late read made stale (see stale-read.ts). */
export type Twin = "none" | "stale" | "inversion";

export interface HardShape {
  readonly model: HardModel;
  readonly processes: number;
  readonly ops: number;
  /** Percentage of writes (write, cas, put, append) that time out and stay open. */
  readonly infoPercent: number;
  readonly twin: Twin;
  readonly seed: number;
}

export interface HardHistory {
  /** JSON lines, one event a line. */
  readonly text: string;
  readonly init: Json;
  readonly linearizable: boolean;
  /** The invoke index of the changed read of a twin; -1 otherwise. */
  readonly staleOp: number;
}

/** One generated operation; times are real numbers, distinct with probability 1. */
export interface GenOp {
  readonly index: number;
  readonly process: number;
  readonly f: string;
  readonly key: string | undefined;
  readonly input: Json;
  readonly callAt: number;
  /** When it took effect; +Infinity when it never did. */
  readonly effectAt: number;
  /** When it completed, or timed out for an `info` one. */
  readonly returnAt: number;
  readonly info: boolean;
  /** Filled in when the operation takes effect. */
  output: Json;
  failed: boolean;
  /** For a write that took effect: the key's state right after it. */
  after: Json;
}

const KV_KEYS = 10;
const DURATION_MAX = 20;
const THINK_MAX = 5;
/** An `info` write that takes effect does so within this many of its durations. */
const LATE_EFFECT_SPAN = 3;

function isWrite(f: string): boolean {
  return f !== "read" && f !== "get";
}

/** The operation a client invokes; `current` is the register's state now (for a cas's expected value). */
function drawCall(
  rng: Prng,
  model: HardModel,
  serial: number,
  current: Json,
): { f: string; key: string | undefined; input: Json } {
  const roll = rng.next();
  if (model === "kv") {
    const key = String(rng.int(0, KV_KEYS));
    if (roll < 0.4) return { f: "get", key, input: null };
    if (roll < 0.8) return { f: "append", key, input: `a${serial} ` };
    return { f: "put", key, input: `p${serial} ` };
  }
  if (roll < 0.5) return { f: "read", key: undefined, input: null };
  if (model === "register" || roll < 0.75) return { f: "write", key: undefined, input: serial };
  const expected = rng.chance(0.8) ? current : rng.int(0, serial);
  return { f: "cas", key: undefined, input: [expected, serial] };
}

/**
 * The operations in invoke order, run against the object as they go: each op goes to the client slot free
 * earliest, and every effect due before its call is applied first, so a cas can expect the current value.
 * A timed-out write retires its process (Jepsen starts a new one); its slot carries on after the timeout.
 */
function schedule(shape: HardShape, rng: Prng): GenOp[] {
  const freeAt = Array.from({ length: shape.processes }, () => rng.next() * THINK_MAX);
  const processOf = Array.from({ length: shape.processes }, (_, slot) => slot);
  let nextProcess = shape.processes;
  const object = new PendingEffects();
  const ops: GenOp[] = [];
  for (let index = 0; index < shape.ops; index++) {
    let slot = 0;
    for (let other = 1; other < freeAt.length; other++)
      if ((freeAt[other] ?? 0) < (freeAt[slot] ?? 0)) slot = other;
    const callAt = freeAt[slot] ?? 0;
    object.applyUntil(callAt);
    const duration = 1 + rng.next() * (DURATION_MAX - 1);
    const call = drawCall(rng, shape.model, index + 1, object.valueOf(undefined));
    const info = isWrite(call.f) && rng.chance(shape.infoPercent / 100);
    const tookEffect = !info || rng.chance(0.5);
    const span = info ? duration * LATE_EFFECT_SPAN : duration;
    const effectAt = tookEffect ? callAt + rng.next() * span : Number.POSITIVE_INFINITY;
    const process = processOf[slot] ?? 0;
    if (info) processOf[slot] = nextProcess++;
    freeAt[slot] = callAt + duration + rng.next() * THINK_MAX;
    const op: GenOp = {
      index,
      process,
      ...call,
      callAt,
      effectAt,
      returnAt: callAt + duration,
      info,
      output: null,
      failed: false,
      after: null,
    };
    ops.push(op);
    object.add(op);
  }
  object.applyUntil(Number.POSITIVE_INFINITY);
  return ops;
}

/** The object, and the operations invoked but not yet in effect, by effect time. */
class PendingEffects {
  private readonly state = new Map<string, Json>();
  private readonly pending: GenOp[] = [];

  valueOf(key: string | undefined): Json {
    return this.state.get(key ?? "") ?? (key === undefined ? null : "");
  }

  add(op: GenOp): void {
    if (op.effectAt === Number.POSITIVE_INFINITY) return;
    let at = this.pending.length;
    while (at > 0 && (this.pending[at - 1]?.effectAt ?? 0) > op.effectAt) at--;
    this.pending.splice(at, 0, op);
  }

  applyUntil(time: number): void {
    let done = 0;
    while (done < this.pending.length && (this.pending[done]?.effectAt ?? 0) <= time) {
      const op = this.pending[done++];
      if (op !== undefined) this.takeEffect(op);
    }
    this.pending.splice(0, done);
  }

  private takeEffect(op: GenOp): void {
    const current = this.valueOf(op.key);
    if (op.f === "read" || op.f === "get") {
      op.output = current;
      return;
    }
    if (op.f === "cas") {
      const [expected, value] = op.input as [Json, Json];
      op.failed = expected !== current;
      if (op.failed) return;
      op.after = value;
    } else if (op.f === "append") op.after = `${String(current)}${String(op.input)}`;
    else op.after = op.input;
    op.output = op.input;
    this.state.set(op.key ?? "", op.after);
  }
}

interface Line {
  readonly at: number;
  readonly order: number;
  readonly text: string;
}

/** The history as JSON lines in time order; a failed cas completes `fail`, a timed-out write `info`. */
function toLines(ops: readonly GenOp[]): string {
  const lines: Line[] = [];
  for (const op of ops) {
    const key = op.key === undefined ? {} : { key: op.key };
    const invoke = { process: op.process, type: "invoke", f: op.f, ...key, value: op.input };
    lines.push({ at: op.callAt, order: 2 * op.index, text: JSON.stringify(invoke) });
    const type = op.info ? "info" : op.failed ? "fail" : "ok";
    const value = op.info || op.failed ? op.input : op.output;
    const done = { process: op.process, type, f: op.f, ...key, value };
    lines.push({ at: op.returnAt, order: 2 * op.index + 1, text: JSON.stringify(done) });
  }
  lines.sort((a, b) => a.at - b.at || a.order - b.order);
  return `${lines.map((line) => line.text).join("\n")}\n`;
}

export function hardHistory(shape: HardShape): HardHistory {
  const ops = schedule(shape, new Prng(String(shape.seed), `hard/${shape.model}`));
  const rng = new Prng(String(shape.seed), `hard/${shape.twin}`);
  const staleOp =
    shape.twin === "stale"
      ? makeStale(ops, rng)
      : shape.twin === "inversion"
        ? makeInversion(ops, rng)
        : -1;
  if (shape.twin !== "none" && staleOp < 0)
    throw new Error(`no ${shape.twin} twin possible in ${describe(shape)}`);
  return {
    text: toLines(ops),
    init: shape.model === "kv" ? "" : null,
    linearizable: shape.twin === "none",
    staleOp,
  };
}

export function describe(shape: HardShape): string {
  const verdict = shape.twin === "none" ? "ok" : shape.twin;
  return `${shape.model} p${shape.processes} n${shape.ops} info${shape.infoPercent}% ${verdict}`;
}
