// The models `zabsim check --model NAME` knows, in the order `zabsim list models` shows them.
import type { ModelFactory } from "../model.js";
import { kvModel } from "./kv.js";
import { multiRegisterModel } from "./multi-register.js";
import { mutexModel } from "./mutex.js";
import { fifoQueueModel, unorderedQueueModel } from "./queue.js";
import { casRegisterModel, registerModel } from "./register.js";
import { setModel } from "./set.js";

export const MODELS: readonly ModelFactory[] = [
  registerModel,
  casRegisterModel,
  kvModel,
  mutexModel,
  setModel,
  fifoQueueModel,
  unorderedQueueModel,
  multiRegisterModel,
];

export function findModel(name: string): ModelFactory | undefined {
  return MODELS.find((model) => model.name === name);
}
