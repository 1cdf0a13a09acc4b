// The app host: users' asynchronous code (an app module) run as client nodes of a simulation.
export type {
  CallOutcome,
  HandleEvent,
  HandleOptions,
  SessionState,
  WatchEventType,
  ZkHandle,
  ZkHandleDriver,
} from "./handle-driver.js";
