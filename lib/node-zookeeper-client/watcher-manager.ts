// WatcherManager.js of node-zookeeper-client 1.1.3: the client-side watcher table. Each watcher function is
// registered at most once per (kind, path), called once, and a notification picks tables by event type.
import { Event, eventTypes } from "./event.js";
import { validatePath } from "./path.js";

export type Watcher = (event: Event) => void;
type WatcherKind = "data" | "child" | "existence";

/** The tables a notification of each type empties, in the order the library calls them. */
const kindsByType: { readonly [type: number]: readonly WatcherKind[] } = {
  [eventTypes.NODE_DATA_CHANGED]: ["data", "existence"],
  [eventTypes.NODE_CREATED]: ["data", "existence"],
  [eventTypes.NODE_CHILDREN_CHANGED]: ["child"],
  [eventTypes.NODE_DELETED]: ["data", "child"],
};

export class WatcherManager {
  readonly #tables: { readonly [kind in WatcherKind]: Map<string, Watcher[]> } = {
    data: new Map(),
    child: new Map(),
    existence: new Map(),
  };

  register(kind: WatcherKind, path: string, watcher: unknown): void {
    validatePath(path);
    if (typeof watcher !== "function") throw new Error("watcher must be a valid function.");
    const table = this.#tables[kind];
    const watchers = table.get(path) ?? [];
    if (!watchers.includes(watcher as Watcher)) watchers.push(watcher as Watcher);
    table.set(path, watchers);
  }

  /** Calls the watchers the event fires, each once, after taking them all out of their tables. */
  emit(type: number, path: string): void {
    const kinds = kindsByType[type];
    if (kinds === undefined) throw new Error(`Unknown event type: ${type}`);
    const groups: Watcher[][] = [];
    for (const kind of kinds) {
      const watchers = this.#tables[kind].get(path);
      if (watchers !== undefined) groups.push(watchers);
      this.#tables[kind].delete(path);
    }
    if (groups.length === 0) return;
    const event = Event.create({ type, path });
    for (const watchers of groups) {
      for (const watcher of watchers) watcher(event);
    }
  }
}
