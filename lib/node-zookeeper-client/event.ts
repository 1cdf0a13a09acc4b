// Event.js of node-zookeeper-client 1.1.3: a watcher notification (type code, type name, path).
import assert from "node:assert";
import type { WatchEventType } from "../../scenarios/apps/index.js";

export const eventTypes = {
  NODE_CREATED: 1,
  NODE_DELETED: 2,
  NODE_DATA_CHANGED: 3,
  NODE_CHILDREN_CHANGED: 4,
} as const;

export type EventName = keyof typeof eventTypes;

/** zabsim's watch event types (ZooKeeper's EventType names) as the library's names. */
export const eventNameOfWatchType: { readonly [type in WatchEventType]: EventName } = {
  NodeCreated: "NODE_CREATED",
  NodeDeleted: "NODE_DELETED",
  NodeDataChanged: "NODE_DATA_CHANGED",
  NodeChildrenChanged: "NODE_CHILDREN_CHANGED",
};

function nameOfType(type: unknown): EventName {
  assert(typeof type === "number", "type must be a number.");
  for (const [name, value] of Object.entries(eventTypes)) {
    if (value === type) return name as EventName;
  }
  throw new Error(`Unknown type: ${type}`);
}

export class Event {
  static readonly NODE_CREATED = eventTypes.NODE_CREATED;
  static readonly NODE_DELETED = eventTypes.NODE_DELETED;
  static readonly NODE_DATA_CHANGED = eventTypes.NODE_DATA_CHANGED;
  static readonly NODE_CHILDREN_CHANGED = eventTypes.NODE_CHILDREN_CHANGED;

  readonly type: number;
  readonly name: string;
  readonly path: string | undefined;

  constructor(type: number, name: string, path?: string) {
    nameOfType(type);
    assert(name && typeof name === "string", "name must be a non-empty string.");
    this.type = type;
    this.name = name;
    this.path = path;
  }

  /** The library's factory from a wire WatcherEvent ({type, path}). */
  static create(watcherEvent: { readonly type: number; readonly path?: string }): Event {
    assert(watcherEvent, "watcherEvent must be a valid object.");
    return new Event(watcherEvent.type, nameOfType(watcherEvent.type), watcherEvent.path);
  }

  getType(): number {
    return this.type;
  }

  getName(): string {
    return this.name;
  }

  getPath(): string | undefined {
    return this.path;
  }

  toString(): string {
    return `${this.name}[${this.type}]${this.path ? `@${this.path}` : ""}`;
  }
}
