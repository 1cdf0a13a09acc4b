// Watch rules as data: which change fires which event on which watch kind, and a pure one-shot registry.

export {
  eventsOf,
  firesOn,
  isOneShot,
  triggersTable,
  type WatchEvent,
  type WatchEventType,
  type WatchingRead,
  type WatchKind,
  type WatchTable,
  watchArmedBy,
  watchEventNumbers,
  watchEventTypes,
  watchKinds,
} from "./rules.js";
export { registerWatch } from "./watch-modes.js";
export {
  armWatch,
  type Delivery,
  deliverEvent,
  type Watch,
  type WatchSet,
  watchFires,
} from "./watch-set.js";
export {
  containsWatcher,
  removeWatcher,
  tablesOf,
  tablesOfWatch,
  type WatcherType,
  watcherTypes,
} from "./watch-tables.js";
