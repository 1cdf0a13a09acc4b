// A mutex (Knossos' model): `acquire` succeeds only when free, `release` only when held.
// The state is "held" or "free"; --init true starts it held, null or false free.
import type { Operation } from "../../history/operation.js";
import type { Model, ModelFactory, ModelOp } from "../model.js";
import { ModelInputError } from "../model.js";

export type MutexInput = "acquire" | "release";
type MutexState = "held" | "free";

function parseMutexOp(operation: Operation): ModelOp<MutexInput, null> {
  const { f } = operation;
  if (f !== "acquire" && f !== "release") {
    throw new ModelInputError("f", `the mutex model expects acquire or release, got '${f}'`);
  }
  return { input: f, output: operation.output === undefined ? undefined : null, kind: "update" };
}

function stepMutex(state: MutexState, input: MutexInput): readonly MutexState[] {
  if (input === "acquire") return state === "free" ? ["held"] : [];
  return state === "held" ? ["free"] : [];
}

export const mutexModel: ModelFactory = {
  name: "mutex",
  description: "A lock: acquire when free, release when held (--init true starts it held).",
  create: (init): Model<MutexState, MutexInput, null> => ({
    name: "mutex",
    initialState: () => (init === true ? "held" : "free"),
    parse: parseMutexOp,
    step: stepMutex,
    stateKey: (state) => state,
    describeState: (state) => state,
    describeOp: (input) => input,
  }),
};
