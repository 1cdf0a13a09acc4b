// ZooKeeper recipes (reference §7) as client programs hosted beside the client library, a fenced
// resource for the lock hazard, and the checkers of each recipe's property.

export { type BarrierOptions, type BarrierState, barrierProgram } from "./barrier.js";
export {
  type ConfigFollowerState,
  type ConfigWriterOptions,
  type ConfigWriterState,
  configFollowerProgram,
  configWriterProgram,
} from "./configuration.js";
export {
  type ContenderEvent,
  type ContenderOptions,
  type ContenderState,
  nextLower,
} from "./contender.js";
export {
  type DoubleBarrierOptions,
  type DoubleBarrierState,
  doubleBarrierProgram,
} from "./double-barrier.js";
export {
  electionProgram,
  type HoldOptions,
  type HoldState,
  holdProgram,
  lowerWriter,
  rwLockProgram,
} from "./hold.js";
export {
  type HostMessage,
  type InternalCall,
  PROGRAM_TIMER_PREFIX,
  type RecipeHostState,
  recipeNode,
} from "./host.js";
export { type LockOptions, type LockState, lockProgram } from "./lock.js";
export {
  type MemberOptions,
  type MemberState,
  type MonitorState,
  memberProgram,
  monitorProgram,
} from "./membership.js";
export { type NamingOptions, type NamingState, namingProgram } from "./naming.js";
export type {
  Action,
  Fields,
  Reaction,
  RecipeContext,
  RecipeProgram,
  ReplyStimulus,
  Stimulus,
} from "./program.js";
export {
  type ConsumerOptions,
  type ConsumerState,
  consumerProgram,
  type ProducerOptions,
  type ProducerState,
  producerProgram,
} from "./queue.js";
export {
  describeResourceMessage,
  fencedResource,
  isResourceMessage,
  type ResourceAck,
  type ResourceMessage,
  type ResourceOptions,
  type ResourceState,
  type ResourceWrite,
} from "./resource.js";
