// Watch rules as data: which change fires which event on which watch kind, and a pure one-shot registry.

export {
  eventsOf,
  firesOn,
  isOneShot,
  type WatchEvent,
  type WatchEventType,
  type WatchingRead,
  type WatchKind,
  watchArmedBy,
  watchEventNumbers,
  watchEventTypes,
  watchKinds,
} from "./rules.js";
export { armWatch, type Delivery, deliverEvent, type Watch, type WatchSet } from "./watch-set.js";
export {
  containsWatcher,
  removeWatcher,
  tablesOf,
  type WatcherType,
  type WatchTable,
  watcherTypes,
} from "./watch-tables.js";
