// Several registers changed together by transactions (Knossos' multi-register): a `txn` is a list of
// micro-ops [f, key, value] with f `read` or `write`, all at one instant; its reads see the values
// before its own writes. Null reads carry no information unless the key's initial value is null
// (the same convention as the register models).
import type { Json } from "../../api/json.js";
import type { Operation } from "../../history/operation.js";
import type { Model, ModelFactory, ModelOp } from "../model.js";
import { ModelInputError } from "../model.js";
import { canonicalJson, isJsonObject } from "./canonical-json.js";

interface MicroOp {
  readonly key: string;
  /** Canonical JSON of the value. Reads that carry no information are left out of the txn. */
  readonly value: string;
}

export interface Txn {
  readonly reads: readonly MicroOp[];
  readonly writes: readonly MicroOp[];
  readonly text: string;
}

/** Canonical values by key; a key that is absent holds its initial value. */
type Registers = Readonly<Record<string, string>>;

interface Initial {
  readonly valueOf: (key: string) => string;
}

function microOps(value: Json | undefined, inCompletion: boolean): readonly (readonly Json[])[] {
  if (!Array.isArray(value)) {
    const reason = `txn expects a list of [f, key, value], got ${JSON.stringify(value)}`;
    throw new ModelInputError("value", reason, inCompletion);
  }
  return value.map((micro: Json) => {
    const isMicro =
      Array.isArray(micro) && micro.length === 3 && (micro[0] === "read" || micro[0] === "write");
    if (!isMicro || (typeof micro[1] !== "string" && typeof micro[1] !== "number")) {
      const reason = `txn micro-op must be [read|write, key, value], got ${JSON.stringify(micro)}`;
      throw new ModelInputError("value", reason, inCompletion);
    }
    return micro;
  });
}

function parseTxn(operation: Operation, initial: Initial): ModelOp<Txn, null> {
  if (operation.f !== "txn")
    throw new ModelInputError("f", `the multi-register model expects txn, got '${operation.f}'`);
  const known = operation.output !== undefined;
  const micros = microOps(known ? operation.output : operation.input, known);
  const reads: MicroOp[] = [];
  const writes: MicroOp[] = [];
  for (const [f, rawKey, rawValue] of micros) {
    const key = String(rawKey);
    const value = canonicalJson(rawValue ?? null);
    if (f === "write") writes.push({ key, value });
    else if (known && !(value === "null" && initial.valueOf(key) !== "null"))
      reads.push({ key, value });
  }
  const text = micros
    .map(([f, key, value]) => `${String(f)} ${String(key)} ${canonicalJson(value ?? null)}`)
    .join(", ");
  const kind = writes.length > 0 ? "update" : reads.length > 0 ? "read" : "inert";
  return { input: { reads, writes, text }, output: known ? null : undefined, kind };
}

function stepTxn(state: Registers, txn: Txn, initial: Initial): readonly Registers[] {
  for (const read of txn.reads) {
    if ((state[read.key] ?? initial.valueOf(read.key)) !== read.value) return [];
  }
  if (txn.writes.length === 0) return [state];
  const next: Record<string, string> = { ...state };
  for (const write of txn.writes) next[write.key] = write.value;
  return [next];
}

function registersKey(state: Registers): string {
  const names = Object.keys(state).sort();
  return `{${names.map((name) => `${JSON.stringify(name)}:${state[name]}`).join(",")}}`;
}

function initialRegisters(init: Json): {
  readonly registers: Registers;
  readonly initial: Initial;
} {
  const registers: Record<string, string> = {};
  if (isJsonObject(init)) {
    for (const [key, value] of Object.entries(init)) registers[key] = canonicalJson(value);
  }
  const fallback = isJsonObject(init) ? "null" : canonicalJson(init);
  return { registers, initial: { valueOf: (key) => registers[key] ?? fallback } };
}

export const multiRegisterModel: ModelFactory = {
  name: "multi-register",
  description:
    'Registers read and written together by txn [[f, key, value], ...] (--init e.g. {"x":0,"y":0}).',
  create: (init): Model<Registers, Txn, null> => {
    const { registers, initial } = initialRegisters(init);
    return {
      name: "multi-register",
      initialState: () => registers,
      parse: (operation) => parseTxn(operation, initial),
      step: (state, txn) => stepTxn(state, txn, initial),
      stateKey: registersKey,
      describeState: registersKey,
      // Each register is an object: a txn reads the registers it reads (only those that carry a value)
      // and writes the ones it writes, so txns over disjoint registers are checked apart.
      footprints: (txns) =>
        txns.map((txn) => ({
          reads: txn.reads.map((micro) => micro.key),
          writes: txn.writes.map((micro) => micro.key),
        })),
      describeOp: (txn, output) =>
        `txn [${txn.text}]${output === undefined ? " (unknown result)" : ""}`,
    };
  },
};
