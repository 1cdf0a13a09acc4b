// The fake ensemble's shared state, for client tests only: one data tree, the sessions and the armed
// watches, shared by every fake server of one simulation. Real servers replicate through ZAB; the fakes
// share this object instead (it lives outside the kernel's node state, so a crash of a fake server loses
// only its connections, as a follower crash loses nothing committed).
import type { AuthId } from "../../../../protocol/zk/acl/index.js";
import {
  type DataTree,
  emptyTree,
  type SessionId,
} from "../../../../protocol/zk/data-tree/index.js";
import type { WatchSet } from "../../../../protocol/zk/watches/index.js";
import type { WatcherEvent } from "../../../../protocol/zk/wire/index.js";
import type { NodeId } from "../../../../sim/api/index.js";

export type FakeSession = {
  readonly sessionId: SessionId;
  readonly passwd: string;
  readonly timeoutMs: number;
  /** Simulated time (of the server that touched it last) after which the session expires. */
  deadlineUs: number;
  /** The server and client connection the session is attached to, or null while detached. */
  server: NodeId | null;
  client: NodeId | null;
  auth: readonly AuthId[];
};

export type FakeWorld = {
  tree: DataTree;
  readonly sessions: Map<SessionId, FakeSession>;
  /** Owners are session ids. */
  watches: WatchSet;
  /** Watcher events waiting for the server the session is attached to, in zxid order. */
  readonly outboxes: Map<NodeId, { readonly client: NodeId; readonly event: WatcherEvent }[]>;
  nextSessionSeq: number;
  readonly tickMs: number;
  readonly minSessionTimeoutMs: number;
  readonly maxSessionTimeoutMs: number;
  /** Servers whose lastProcessedZxid is pinned (they are "behind"), with the zxid they report. Tests set it. */
  readonly frozenZxid: Map<NodeId, number>;
};

export function fakeWorld(options: { readonly tickMs?: number } = {}): FakeWorld {
  const tickMs = options.tickMs ?? 200;
  return {
    tree: emptyTree(),
    sessions: new Map(),
    watches: [],
    outboxes: new Map(),
    nextSessionSeq: 1,
    tickMs,
    minSessionTimeoutMs: 2 * tickMs,
    maxSessionTimeoutMs: 20 * tickMs,
    frozenZxid: new Map(),
  };
}

/** The server's lastProcessedZxid as it reports it in the connect check. */
export function serverZxid(world: FakeWorld, server: NodeId): number {
  return Math.min(world.tree.lastZxid, world.frozenZxid.get(server) ?? Number.MAX_SAFE_INTEGER);
}

/** Removes every watch of a session (its connection is gone, so are the watches registered on it). */
export function dropWatches(world: FakeWorld, sessionId: SessionId): void {
  world.watches = world.watches.filter((watch) => watch.owner !== sessionId);
}

/** Queues an event for the session's current server; a detached session loses it, as its connection did. */
export function queueEvent(world: FakeWorld, sessionId: SessionId, event: WatcherEvent): void {
  const session = world.sessions.get(sessionId);
  if (session?.server == null || session.client === null) return;
  const outbox = world.outboxes.get(session.server) ?? [];
  outbox.push({ client: session.client, event });
  world.outboxes.set(session.server, outbox);
}
