// A key-value store of strings (Porcupine's kv): `get` returns the value, `put` replaces it, `append`
// concatenates. Each key is an independent object (operations name it in their `key` field); a missing key
// reads as "". A state carries its string's rolling hash, kept up to date by each step, so long values
// are never rehashed.
import { assertNever } from "../../api/assert.js";
import type { Json } from "../../api/json.js";
import type { Operation } from "../../history/operation.js";
import type { Model, ModelFactory, ModelOp, Observation } from "../model.js";
import { ModelInputError } from "../model.js";
import { canonicalJson, isJsonObject } from "./canonical-json.js";
import { concatHash, hashShift, stringHash } from "./string-hash.js";

/** A string with its hash (see string-hash.ts). */
export interface HashedString {
  readonly text: string;
  readonly hash: number;
  /** The hash shift of the text's length, so that it can be appended. */
  readonly shift: number;
}

export type KvInput =
  | { readonly f: "get" }
  | { readonly f: "put"; readonly value: HashedString }
  | { readonly f: "append"; readonly value: HashedString };

function hashed(text: string): HashedString {
  return { text, hash: stringHash(text), shift: hashShift(text.length) };
}

function asString(value: Json | undefined, f: string, inCompletion: boolean): string {
  if (typeof value === "string") return value;
  // A get of a missing key may be recorded as null by systems that have no empty string.
  if (value === null && f === "get") return "";
  throw new ModelInputError(
    "value",
    `${f} expects a string, got ${JSON.stringify(value)}`,
    inCompletion,
  );
}

function parseKvOp(operation: Operation): ModelOp<KvInput, string> {
  const { f, input, output } = operation;
  switch (f) {
    case "get": {
      const value = output === undefined ? undefined : asString(output, f, true);
      return { input: { f: "get" }, output: value, kind: value === undefined ? "inert" : "read" };
    }
    case "put":
    case "append":
      return {
        input: { f, value: hashed(asString(input, f, false)) },
        output: undefined,
        kind: "update",
      };
    default:
      throw new ModelInputError("f", `the kv model expects get, put or append, got '${f}'`);
  }
}

function stepKv(
  state: HashedString,
  input: KvInput,
  output: string | undefined,
): readonly HashedString[] {
  switch (input.f) {
    case "get":
      return output === undefined || output === state.text ? [state] : [];
    case "put":
      return [input.value];
    case "append": {
      const { value } = input;
      const hash = concatHash(state.hash, value.hash, value.shift);
      return [{ text: state.text + value.text, hash, shift: Math.imul(state.shift, value.shift) }];
    }
    default:
      return assertNever(input, "kv input");
  }
}

function describeKvOp(input: KvInput, output: string | undefined): string {
  switch (input.f) {
    case "get":
      return `get -> ${output === undefined ? "?" : JSON.stringify(output)}`;
    case "put":
    case "append":
      return `${input.f} ${JSON.stringify(input.value.text)}`;
    default:
      return assertNever(input, "kv input");
  }
}

const BLIND_PUT_LENGTHS_MAX = 64;

/**
 * A get needs its value. A put of v restores v; an append of t restores every value ending with t, found
 * by looking up each value's suffixes of the lengths appended. A put is a reset, unobserved when no value
 * starts with what it puts: appends, which succeed anywhere, only extend it. (An append is unobserved when
 * no value contains it; finding those costs more than it saves, so none is named.)
 */
const kvObservation: Observation<HashedString, KvInput, string> = {
  requires: (input, output) => (input.f === "get" ? (output ?? null) : null),
  holds: (state, value) => state.text === value,
  restorers: (values, inputs) => {
    const puts = new Map<string, number[]>();
    const appends = new Map<string, number[]>();
    inputs.forEach((input, index) => {
      if (input.f === "get" || (input.f === "append" && input.value.text === "")) return;
      const byText = input.f === "put" ? puts : appends;
      const list = byText.get(input.value.text);
      if (list === undefined) byText.set(input.value.text, [index]);
      else list.push(index);
    });
    const lengths = [...new Set([...appends.keys()].map((text) => text.length))].sort(
      (a, b) => a - b,
    );
    return values.map((value) => {
      const found = [...(puts.get(value) ?? [])];
      for (const length of lengths) {
        if (length > value.length) break;
        found.push(...(appends.get(value.slice(value.length - length)) ?? []));
      }
      return found.sort((a, b) => a - b);
    });
  },
  overwrites: (input, value) => {
    if (input.f === "get") return false;
    if (input.f === "put") return input.value.text !== value;
    return input.value.text !== "" && !value.endsWith(input.value.text);
  },
  resets: (input) => input.f === "put",
  unobserved: (values, inputs) => {
    const lengths = new Set(
      inputs.flatMap((input) => (input.f === "put" ? [input.value.text.length] : [])),
    );
    // Each length costs a pass over the values: past a few dozen, name none (fewer is allowed).
    if (lengths.size > BLIND_PUT_LENGTHS_MAX) return [];
    const prefixes = new Set(
      [...lengths].flatMap((length) => values.map((value) => value.slice(0, length))),
    );
    return inputs.flatMap((input, index) =>
      input.f === "put" && !prefixes.has(input.value.text) ? [index] : [],
    );
  },
};

function initialValue(init: Json, key: Json | undefined): string {
  if (typeof init === "string") return init;
  if (isJsonObject(init) && key !== undefined) {
    const value = init[typeof key === "string" ? key : canonicalJson(key)];
    return typeof value === "string" ? value : "";
  }
  return "";
}

export const kvModel: ModelFactory = {
  name: "kv",
  description:
    'A string per key: get, put, append; missing keys read "" (--init: a string or {key: string}).',
  create: (init): Model<HashedString, KvInput, string> => ({
    name: "kv",
    initialState: (key) => hashed(initialValue(init, key)),
    parse: parseKvOp,
    step: stepKv,
    stateKey: (state) => state.text,
    stateHash: (state) => state.hash,
    // Appends only extend the string; a put replaces it. A get answering `output` can only follow a state
    // by appends if the state is a prefix of `output`.
    growth: {
      isReset: (input) => input.f === "put",
      canGrowInto: (state, output) => output.startsWith(state.text),
      canResetInto: (input, output) => input.f !== "put" || output.startsWith(input.value.text),
    },
    describeState: (state) => JSON.stringify(state.text),
    describeOp: describeKvOp,
    observation: kvObservation,
  }),
};
