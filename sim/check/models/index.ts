// The generic models of the linearizability checker.
export { canonicalJson, isJsonObject } from "./canonical-json.js";
export { findModel, MODELS } from "./catalogue.js";
export type { KvInput } from "./kv.js";
export { kvModel } from "./kv.js";
export type { Txn } from "./multi-register.js";
export { multiRegisterModel } from "./multi-register.js";
export type { MutexInput } from "./mutex.js";
export { mutexModel } from "./mutex.js";
export type { QueueInput } from "./queue.js";
export { fifoQueueModel, unorderedQueueModel } from "./queue.js";
export type { RegisterInput } from "./register.js";
export { casRegisterModel, registerModel } from "./register.js";
export type { SetInput } from "./set.js";
export { setModel } from "./set.js";
