// The kernel's public types: all that protocol/ may import from sim/ (DESIGN.md, "Layers").
export { assert, assertNever, InvariantViolation } from "./assert.js";
export type { DiskDamage, DurableView, FileRead, LogRead } from "./disk-view.js";
export { type NodeId, nodeId } from "./ids.js";
export { type Json, jsonCopy, jsonCopyWithout } from "./json.js";
export type {
  ClientRequest,
  Effect,
  EffectKind,
  FingerprintSink,
  Input,
  Message,
  NodeContext,
  NodeProtocol,
  Observation,
  ReplyType,
  StepResult,
} from "./protocol.js";
export type { Random } from "./random.js";
export { formatMicros, type Micros, micros, ms, seconds } from "./time.js";
