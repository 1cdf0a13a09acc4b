// The simulated ZooKeeper server as one NodeProtocol: a ZAB peer whose state machine is the ZooKeeper
// database, plus the client-facing server (ZooKeeperServer and its request processors). Every input goes to
// the part that owns it; after every step the server catches up with the peer: it stops serving when the
// peer leaves BROADCAST (closing every client connection, as a QuorumPeer shutting its server down does),
// handles what the peer's deliveries of this step applied (handed back in `ServerEnv.applied`, in zxid
// order; catching up delivers nothing itself, since a proposal commits only after an fsync), starts serving
// when the peer reaches BROADCAST, and at the leader answers the syncs whose proposals committed.
import {
  assertNever,
  type ClientRequest,
  type Input,
  type NodeContext,
  type NodeId,
  type NodeProtocol,
  type StepResult,
} from "../../../sim/api/index.js";
import {
  fingerprintRecord,
  type PeerState,
  type ZabMessage,
  zabPeer,
  step as zabStep,
} from "../../zab/index.js";
import type { WireMessage } from "../wire/index.js";
import { answerAdmin, isAdminCommand } from "./admin.js";
import { processApplied } from "./applied.js";
import type { ServerConfig } from "./config.js";
import { onConnect } from "./connections.js";
import {
  CONTAINER_CHECK_TIMER,
  CONTAINER_DELETE_TIMER,
  IDLE_REAPER,
  onContainerCheck,
  onContainerDelete,
  startContainerManager,
} from "./container-manager.js";
import { withPeer, zabEnvOf } from "./embedded-peer.js";
import { answerParkedSyncs } from "./leader-pipeline.js";
import {
  describeServerMessage,
  fingerprintServerMessage,
  isPeerMessage,
  isWireMessage,
  type ServerMessage,
} from "./messages.js";
import { onPeerMessage } from "./peer-messages.js";
import { answerSync } from "./pipeline.js";
import { dropConnectionOf, onRequestPacket } from "./requests.js";
import { firstRequestId, firstSessionId } from "./session-ids.js";
import { trackSession } from "./session-tracker.js";
import type { LeaderSide, Out, ServerEnv, ZkServerState } from "./state.js";
import { connectionsOf, draftServer, withServing } from "./state.js";
import { onServerTick, SERVER_TICK_TIMER, tickIntervalUs } from "./ticks.js";
import type { ZkDatabase } from "./zk-database.js";

export function zkServer(config: ServerConfig): NodeProtocol<ZkServerState, ServerMessage> {
  const peer = zabPeer(config.zab);
  return {
    name: "zk-server",
    init: (ctx) => initServer(config, peer.init(ctx), ctx),
    step(state, input, ctx) {
      const out: Out = [];
      const env: ServerEnv = {
        config,
        self: ctx.self,
        nowUs: ctx.nowUs,
        applied: [],
        disk: ctx.disk,
      };
      const stepped = stepServer(state, input, env, out);
      return { state: catchUp(countPackets(stepped, input, out), env, out), effects: out };
    },
    describeMessage: describeServerMessage,
    fingerprintMessage: fingerprintServerMessage,
    // The server's only log is ZAB's txn log (its txns are ZAB txns whose value is the ZooKeeper txn).
    fingerprintRecord,
  };
}

function sidOf(config: ServerConfig, self: NodeId): number {
  const members = [...config.zab.servers, ...config.zab.observers];
  return members.indexOf(self) + 1;
}

function initServer(
  config: ServerConfig,
  zab: StepResult<PeerState<ZkDatabase>, ZabMessage>,
  ctx: NodeContext,
): StepResult<ZkServerState, ServerMessage> {
  // Recovery applied the whole log without delivering it (nobody is connected yet): nothing to handle.
  const env: ServerEnv = { config, self: ctx.self, nowUs: ctx.nowUs, applied: [] };
  const out: Out = [...zab.effects];
  const state: ZkServerState = {
    zab: zab.state,
    serving: null,
    nextSessionId: firstSessionId(sidOf(config, ctx.self), Math.floor(ctx.nowUs / 1_000)),
    nextRequestId: firstRequestId(ctx.random.next()),
    packetsReceived: 0,
    packetsSent: 0,
  };
  out.push({ kind: "set-timer", timer: SERVER_TICK_TIMER, afterUs: tickIntervalUs(env) });
  return { state: catchUp(state, env, out), effects: out };
}

function isServerNode(config: ServerConfig, node: NodeId): boolean {
  return config.zab.servers.includes(node) || config.zab.observers.includes(node);
}

function stepServer(
  state: ZkServerState,
  input: Input<ServerMessage>,
  env: ServerEnv,
  out: Out,
): ZkServerState {
  switch (input.kind) {
    case "message": {
      const { from, msg } = input;
      if (isWireMessage(msg)) return onClientMessage(state, from, msg, env, out);
      if (isPeerMessage(msg)) return onPeerMessage(state, from, msg, env, out);
      // Neither a client's nor the pipeline's: a ZAB packet, handed over as it came.
      return zab(state, input as Input<ZabMessage>, env, out);
    }
    case "timer":
      if (input.timer === SERVER_TICK_TIMER) return onServerTick(state, env, out);
      if (input.timer === CONTAINER_CHECK_TIMER) return onContainerCheck(state, env, out);
      if (input.timer === CONTAINER_DELETE_TIMER) return onContainerDelete(state, env, out);
      return zab(state, input, env, out);
    case "request":
      return onAdminRequest(state, input.request, env, out);
    case "disconnected": {
      if (isServerNode(env.config, input.peer)) return zab(state, input, env, out);
      const connection = state.serving?.connections[input.peer];
      return connection === undefined ? state : dropConnectionOf(state, connection);
    }
    case "fsync-done":
      return zab(state, input, env, out);
    default:
      return assertNever(input, "input");
  }
}

function zab(
  state: ZkServerState,
  input: Input<ZabMessage>,
  env: ServerEnv,
  out: Out,
): ZkServerState {
  return withPeer(state, zabStep(state.zab, input, zabEnvOf(env), out));
}

function onClientMessage(
  state: ZkServerState,
  client: NodeId,
  msg: WireMessage,
  env: ServerEnv,
  out: Out,
): ZkServerState {
  if (state.serving === null) {
    // Not running (ZooKeeperServer not started): the connection is refused.
    out.push({ kind: "close", peer: client });
    return state;
  }
  switch (msg.type) {
    case "ConnectRequest":
      return onConnect(state, client, msg, env, out);
    case "RequestPacket":
      return onRequestPacket(state, client, msg, env, out);
    case "ConnectResponse":
    case "ReplyPacket":
    case "WatcherEvent": {
      out.push({ kind: "close", peer: client });
      const connection = state.serving.connections[client];
      return connection === undefined ? state : dropConnectionOf(state, connection);
    }
    default:
      return assertNever(msg, "wire message");
  }
}

function onAdminRequest(
  state: ZkServerState,
  request: ClientRequest,
  env: ServerEnv,
  out: Out,
): ZkServerState {
  if (isAdminCommand(request.f)) {
    answerAdmin(state, request, request.f, env, out);
  } else {
    const value = { error: "unsupported-operation", f: request.f };
    out.push({
      kind: "reply",
      requestId: request.requestId,
      type: "fail",
      value,
      fields: { server: env.self },
    });
  }
  return state;
}

function countPackets(state: ZkServerState, input: Input<ServerMessage>, out: Out): ZkServerState {
  const received = input.kind === "message" && isWireMessage(input.msg) ? 1 : 0;
  let sent = 0;
  for (const effect of out) if (effect.kind === "send" && isWireMessage(effect.msg)) sent++;
  if (received === 0 && sent === 0) return state;
  const next = draftServer(state);
  next.packetsReceived = state.packetsReceived + received;
  next.packetsSent = state.packetsSent + sent;
  return next;
}

/** Brings the serving side in line with the peer after a step (see the file header). */
function catchUp(state: ZkServerState, env: ServerEnv, out: Out): ZkServerState {
  const peer = state.zab;
  const shouldServe = peer.zabState === "BROADCAST" && peer.role !== "LOOKING";
  let next = state;
  if (next.serving !== null && (!shouldServe || next.serving.zabSession !== peer.session)) {
    next = stopServing(next, env, out);
  }
  // What the step delivered, once the server is known to be still serving the same session: a peer that
  // left BROADCAST answers nobody (its clients were just disconnected).
  if (env.applied.length > 0 && next.serving !== null) {
    next = processApplied(next, env.applied, env, out);
  }
  if (next.serving === null && shouldServe) next = startServing(next, env, out);
  return answerParkedSyncs(next, env, out, answerSync);
}

function stopServing(state: ZkServerState, env: ServerEnv, out: Out): ZkServerState {
  for (const connection of connectionsOf(state))
    out.push({ kind: "close", peer: connection.client });
  out.push({
    kind: "observe",
    observation: { kind: "zk-serving", server: env.self, serving: false, role: state.zab.role },
  });
  return withServing(state, null);
}

/** A new leader tracks every session of its database afresh: each gets a full timeout (reference §3). */
function startServing(state: ZkServerState, env: ServerEnv, out: Out): ZkServerState {
  const nowMs = Math.floor(env.nowUs / 1_000);
  let leader: LeaderSide | null = null;
  if (state.zab.role === "LEADING") {
    let sessions: LeaderSide["sessions"] = new Map();
    for (const [id, timeoutMs] of state.zab.db.data.sessions) {
      sessions = trackSession(sessions, id, timeoutMs, null, nowMs, env.config.tickMs);
    }
    leader = {
      pending: [],
      sessions,
      syncs: [],
      reaper: IDLE_REAPER,
    };
    startContainerManager(env, out);
  }
  out.push({
    kind: "observe",
    observation: { kind: "zk-serving", server: env.self, serving: true, role: state.zab.role },
  });
  return withServing(state, {
    zabSession: state.zab.session,
    connections: {},
    watches: [],
    touched: new Map(),
    leader,
  });
}
