// A set: `add` inserts a value, `read` returns all members (in any order). States are the sorted
// canonical members, so equal sets have equal keys.
import type { Operation } from "../../history/operation.js";
import type { Model, ModelFactory, ModelOp } from "../model.js";
import { ModelInputError } from "../model.js";
import { canonicalJson } from "./canonical-json.js";

export type SetInput = { readonly f: "add"; readonly value: string } | { readonly f: "read" };
type SetState = readonly string[];

function parseSetOp(operation: Operation): ModelOp<SetInput, string> {
  const { f, input, output } = operation;
  if (f === "add")
    return { input: { f, value: canonicalJson(input) }, output: undefined, kind: "update" };
  if (f !== "read") throw new ModelInputError("f", `the set model expects add or read, got '${f}'`);
  if (output === undefined) return { input: { f }, output: undefined, kind: "inert" };
  if (!Array.isArray(output)) {
    throw new ModelInputError(
      "value",
      `read expects a list of members, got ${JSON.stringify(output)}`,
      true,
    );
  }
  // Duplicates are kept: a read that lists a member twice matches no set.
  const members = output.map(canonicalJson).sort();
  return { input: { f }, output: `[${members.join(",")}]`, kind: "read" };
}

function setKey(state: SetState): string {
  return `[${state.join(",")}]`;
}

function stepSet(
  state: SetState,
  input: SetInput,
  output: string | undefined,
): readonly SetState[] {
  if (input.f === "read") return output === undefined || output === setKey(state) ? [state] : [];
  if (state.includes(input.value)) return [state];
  return [[...state, input.value].sort()];
}

export const setModel: ModelFactory = {
  name: "set",
  description: "A set: add a value, read all members (--init: a list of members).",
  create: (init): Model<SetState, SetInput, string> => ({
    name: "set",
    initialState: () => (Array.isArray(init) ? [...new Set(init.map(canonicalJson))].sort() : []),
    parse: parseSetOp,
    step: stepSet,
    stateKey: setKey,
    describeState: setKey,
    describeOp: (input, output) =>
      input.f === "add" ? `add ${input.value}` : `read -> ${output ?? "?"}`,
  }),
};
