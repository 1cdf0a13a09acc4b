// The simulated network: TCP-like connections or datagrams, latency, partitions and link faults.
export { DEFAULT_NETWORK, type NetworkConfig, validateNetwork } from "./config.js";
export {
  describeLatency,
  type LatencyDistribution,
  sampleLatency,
  validateLatency,
} from "./latency.js";
export { Network, type NetworkHost, type NetworkStats, type NodeDownKind } from "./network.js";
export {
  bridge,
  describePartition,
  groups,
  halves,
  isolate,
  type Link,
  majoritiesRing,
  oneWay,
  type Partition,
} from "./partition.js";
