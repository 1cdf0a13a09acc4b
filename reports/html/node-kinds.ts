// Which nodes of a run are servers and which are clients, from the protocol each one started (trace.jsonl's
// `start` events): servers run ZAB or the ZooKeeper server; every other node (zk-client, a recipe, an app
// instance, a fenced resource) is a client of theirs. Servers are listed first wherever lanes are drawn.
import type { TraceLine } from "../run-data/index.js";

const SERVER_PROTOCOLS = /^start (zab|zk-server|zk-observer)\b/;

export interface NodeKinds {
  readonly servers: readonly string[];
  readonly clients: readonly string[];
}

export function nodeKinds(trace: readonly TraceLine[]): NodeKinds {
  const servers = new Set<string>();
  const clients = new Set<string>();
  for (const entry of trace) {
    if (entry.kind !== "start") continue;
    if (SERVER_PROTOCOLS.test(entry.text)) servers.add(entry.node);
    else clients.add(entry.node);
  }
  for (const server of servers) clients.delete(server);
  return { servers: [...servers].sort(compareNodeIds), clients: [...clients].sort(compareNodeIds) };
}

/** Servers first, then clients: the lane order of the message diagram. */
export function lanesServersFirst(kinds: NodeKinds): string[] {
  return [...kinds.servers, ...kinds.clients];
}

/** n2 before n10: numeric suffixes compare as numbers. */
export function compareNodeIds(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}
