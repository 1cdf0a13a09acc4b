// Per-node clocks with offset, drift and jumps.
export { type ClockConfig, NodeClock } from "./node-clock.js";
