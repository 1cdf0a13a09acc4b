// The four-letter words each server answers (FourLetterCommands / the AdminServer, issue 5 item 6), as
// kernel requests with `f` = ruok | srvr | stat | mntr | cons: a structured value for scenarios, reports and
// the TUI, plus ZooKeeper-like `text`.
import type { ClientRequest, Json } from "../../../sim/api/index.js";
import { formatZxid, summarizePeer } from "../../zab/index.js";
import { treeOf } from "./embedded-peer.js";
import { connectionsOf, type Out, type ServerEnv, type ZkServerState } from "./state.js";

export const ADMIN_COMMANDS = ["ruok", "srvr", "stat", "mntr", "cons"] as const;
export type AdminCommand = (typeof ADMIN_COMMANDS)[number];

export function isAdminCommand(f: string): f is AdminCommand {
  return (ADMIN_COMMANDS as readonly string[]).includes(f);
}

function modeOf(state: ZkServerState): string {
  if (state.serving === null) return "not serving";
  if (state.zab.role === "LEADING") return "leader";
  return state.zab.role === "OBSERVING" ? "observer" : "follower";
}

function outstandingOf(state: ZkServerState): number {
  return connectionsOf(state).reduce((sum, c) => sum + c.queue.length, 0);
}

/** The numbers every command draws from. */
export function serverStats(state: ZkServerState): { readonly [key: string]: Json } {
  const tree = treeOf(state);
  const ephemerals = [...tree.nodes.values()].filter((n) => n.owner.kind === "session").length;
  const learners = state.zab.leader === null ? [] : Object.values(state.zab.leader.learners);
  return {
    mode: modeOf(state),
    role: state.zab.role,
    zabState: state.zab.zabState,
    zxid: tree.lastZxid,
    epoch: state.zab.currentEpoch,
    connections: connectionsOf(state).length,
    outstanding: outstandingOf(state),
    // Proposals the embedded peer has not seen committed: the leader's outstanding, a learner's pending.
    pendingProposals: summarizePeer(state.zab).pending,
    nodeCount: tree.nodes.size,
    ephemerals,
    watches: state.serving?.watches.length ?? 0,
    received: state.packetsReceived,
    sent: state.packetsSent,
    followers: learners.length,
    syncedFollowers: learners.filter((h) => h.stage === "uptodate").length,
    pendingSyncs: state.serving?.leader?.syncs.length ?? 0,
  };
}

function connectionLines(state: ZkServerState): {
  readonly lines: string[];
  readonly value: Json[];
} {
  const lines: string[] = [];
  const value: Json[] = [];
  for (const c of connectionsOf(state)) {
    lines.push(
      ` /${c.client}[1](queued=${c.queue.length},sid=0x${c.sessionId.toString(16)},to=${c.timeoutMs})`,
    );
    value.push({
      client: c.client,
      session: c.sessionId,
      timeoutMs: c.timeoutMs,
      stage: c.stage,
      queued: c.queue.length,
    });
  }
  return { lines, value };
}

function srvrText(stats: { readonly [key: string]: Json }): string[] {
  return [
    "Zookeeper version: zabsim (simulated 3.8)",
    `Received: ${stats.received}`,
    `Sent: ${stats.sent}`,
    `Connections: ${stats.connections}`,
    `Outstanding: ${stats.outstanding}`,
    `Zxid: ${formatZxid(Number(stats.zxid))}`,
    `Mode: ${stats.mode}`,
    `Node count: ${stats.nodeCount}`,
  ];
}

function mntrText(stats: { readonly [key: string]: Json }): string[] {
  return [
    `zk_server_state\t${stats.mode}`,
    `zk_znode_count\t${stats.nodeCount}`,
    `zk_watch_count\t${stats.watches}`,
    `zk_ephemerals_count\t${stats.ephemerals}`,
    `zk_num_alive_connections\t${stats.connections}`,
    `zk_outstanding_requests\t${stats.outstanding}`,
    `zk_pending_proposals\t${stats.pendingProposals}`,
    `zk_packets_received\t${stats.received}`,
    `zk_packets_sent\t${stats.sent}`,
    `zk_zxid\t${stats.zxid}`,
    `zk_epoch\t${stats.epoch}`,
    ...(stats.role === "LEADING"
      ? [
          `zk_followers\t${stats.followers}`,
          `zk_synced_followers\t${stats.syncedFollowers}`,
          `zk_pending_syncs\t${stats.pendingSyncs}`,
        ]
      : []),
  ];
}

export function answerAdmin(
  state: ZkServerState,
  request: ClientRequest,
  command: AdminCommand,
  env: ServerEnv,
  out: Out,
): void {
  const stats = serverStats(state);
  const cons = connectionLines(state);
  const notServing = "This ZooKeeper instance is not currently serving requests";
  let text: string;
  if (command === "ruok") text = "imok";
  else if (state.serving === null) text = notServing;
  else if (command === "srvr") text = srvrText(stats).join("\n");
  else if (command === "stat")
    text = [
      ...srvrText(stats).slice(0, 1),
      "Clients:",
      ...cons.lines,
      ...srvrText(stats).slice(1),
    ].join("\n");
  else if (command === "mntr") text = mntrText(stats).join("\n");
  else text = cons.lines.join("\n");
  const value = {
    ...stats,
    text,
    ...(command === "cons" || command === "stat" ? { clients: cons.value } : {}),
  };
  out.push({
    kind: "reply",
    requestId: request.requestId,
    type: "ok",
    value,
    fields: { server: env.self },
  });
}
