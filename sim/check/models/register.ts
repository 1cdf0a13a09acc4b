// Registers: `register` (read, write) and `cas-register` (read, write, cas [expected, new]).
// States are canonical JSON text, so equality is string equality.
//
// A read that returns null: Knossos treats `nil` reads as reads whose value is unknown, and its corpus
// relies on it (initial value 0, yet reads of nil). When the initial value is null, null is a real value
// (an absent key, as in etcd histories) and such a read must match. So null reads carry no information
// exactly when the initial value is not null.
import { assertNever } from "../../api/assert.js";
import type { Json } from "../../api/json.js";
import type { Operation } from "../../history/operation.js";
import type { Model, ModelFactory, ModelOp, Observation } from "../model.js";
import { ModelInputError } from "../model.js";
import { canonicalJson } from "./canonical-json.js";

export type RegisterInput =
  | { readonly f: "read" }
  | { readonly f: "write"; readonly value: string }
  | { readonly f: "cas"; readonly expected: string; readonly value: string };

type RegisterModel = Model<string, RegisterInput, string>;

function parseRegisterOp(
  operation: Operation,
  allowCas: boolean,
  nullReadsAreUnknown: boolean,
): ModelOp<RegisterInput, string> {
  const { f, input, output } = operation;
  if (f === "read") {
    const value = output === undefined ? undefined : canonicalJson(output);
    const inert = value === undefined || (nullReadsAreUnknown && value === "null");
    return { input: { f: "read" }, output: value, kind: inert ? "inert" : "read" };
  }
  if (f === "write")
    return {
      input: { f: "write", value: canonicalJson(input) },
      output: undefined,
      kind: "update",
    };
  if (f === "cas" && allowCas) {
    if (!Array.isArray(input) || input.length !== 2) {
      throw new ModelInputError(
        "value",
        `cas expects [expected, new], got ${JSON.stringify(input)}`,
      );
    }
    const [expected, value] = input as readonly Json[];
    const casInput = {
      f: "cas",
      expected: canonicalJson(expected ?? null),
      value: canonicalJson(value ?? null),
    } as const;
    return { input: casInput, output: undefined, kind: "update" };
  }
  const known = allowCas ? "read, write or cas" : "read or write";
  throw new ModelInputError(
    "f",
    `the ${allowCas ? "cas-register" : "register"} model expects ${known}, got '${f}'`,
  );
}

function stepRegister(
  state: string,
  input: RegisterInput,
  output: string | undefined,
): readonly string[] {
  switch (input.f) {
    case "read":
      return output === undefined || output === state ? [state] : [];
    case "write":
      return [input.value];
    case "cas":
      return input.expected === state ? [input.value] : [];
    default:
      return assertNever(input, "register input");
  }
}

function describeRegisterOp(input: RegisterInput, output: string | undefined): string {
  switch (input.f) {
    case "read":
      return `read -> ${output ?? "?"}`;
    case "write":
      return `write ${input.value}`;
    case "cas":
      return `cas ${input.expected} -> ${input.value}`;
    default:
      return assertNever(input, "register input");
  }
}

/** What a register's value is written by: a write, or a cas that changes it. */
function writtenValue(input: RegisterInput): string | null {
  if (input.f === "write") return input.value;
  if (input.f === "cas" && input.expected !== input.value) return input.value;
  return null;
}

/**
 * A read needs its value; a cas needs its expected value. A write is a reset. A write or cas whose value no
 * operation needs is unobserved: only a write can follow it (a read or cas after it would need its value).
 */
const registerObservation: Observation<string, RegisterInput, string> = {
  requires: (input, output) =>
    input.f === "read" ? (output ?? null) : input.f === "cas" ? input.expected : null,
  holds: (state, value) => state === value,
  restorers: (values, inputs) => {
    const byValue = new Map<string, number[]>(values.map((value) => [value, []]));
    inputs.forEach((input, index) => {
      const written = writtenValue(input);
      if (written !== null) byValue.get(written)?.push(index);
    });
    return values.map((value) => byValue.get(value) ?? []);
  },
  overwrites: (input, value) => {
    if (input.f === "read") return false;
    return input.value !== value;
  },
  resets: (input) => input.f === "write",
  unobserved: (values, inputs) => {
    const needed = new Set(values);
    return inputs.flatMap((input, index) => {
      const written = writtenValue(input);
      return written !== null && !needed.has(written) ? [index] : [];
    });
  },
};

function createRegister(name: string, allowCas: boolean, init: Json): RegisterModel {
  const initial = canonicalJson(init);
  const nullReadsAreUnknown = init !== null;
  return {
    name,
    initialState: () => initial,
    parse: (operation) => parseRegisterOp(operation, allowCas, nullReadsAreUnknown),
    step: stepRegister,
    stateKey: (state) => state,
    describeState: (state) => state,
    describeOp: describeRegisterOp,
    observation: registerObservation,
  };
}

export const registerModel: ModelFactory = {
  name: "register",
  description: "A read/write register; reads return the last value written.",
  create: (init) => createRegister("register", false, init),
};

export const casRegisterModel: ModelFactory = {
  name: "cas-register",
  description: "A register with read, write and compare-and-set ([expected, new]).",
  create: (init) => createRegister("cas-register", true, init),
};
