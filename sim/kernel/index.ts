// The simulation kernel: what scenarios/ and tests use to build and run a simulation.
export { DEFAULT_DISK, type DiskConfig, type SimulationConfig } from "./config.js";
export type { HostedNode, NodeOptions, NodeStatus } from "./hosted-node.js";
export type { PendingRequest, SubmitOptions } from "./requests.js";
export {
  type ObservationRecord,
  type ReplyRecord,
  type RunLimits,
  type RunResult,
  Simulation,
  type StepRecord,
  type StopReason,
} from "./simulation.js";
