// Client workloads: timed operations drawn per client from the seed.
export { type ClientOp, planWorkload, WORKLOAD_START_US } from "./plan-workload.js";
