// The ZooKeeper client handle as a node protocol: the workload's requests are calls on the handle; the
// handle keeps one connection to one server of its connect string at a time (reference §2 "Client FIFO",
// §3 "Client timers", "Client states").

import {
  assertNever,
  type Input,
  type NodeContext,
  type NodeProtocol,
  type StepResult,
} from "../../../sim/api/index.js";
import {
  describeWireMessage,
  FIRST_XID,
  fingerprintWireMessage,
  JUTE_MAX_BUFFER,
  PING_XID,
  type ReplyPacket,
  replyPacketLength,
  type WatcherEvent,
  type WireMessage,
  watcherEventLength,
} from "../wire/index.js";
import { onCall } from "./calls.js";
import { type ClientConfig, readTimeoutUs } from "./config.js";
import { connectionLost, onConnectResponse, requestTimedOut, startConnect } from "./connection.js";
import { shuffleHosts } from "./hosts.js";
import { onReplyPacket, onWatcherEvent } from "./replies.js";
import { armRequestTimer, sendReserved } from "./send.js";
import type { ClientState } from "./state.js";
import { type Out, observeViolation } from "./step-output.js";
import {
  CONNECT_TIMER,
  PING_TIMER,
  READ_TIMER,
  RECONNECT_TIMER,
  REQUEST_TIMER,
} from "./timer-names.js";

export function zkClient(config: ClientConfig): NodeProtocol<ClientState, WireMessage> {
  return {
    name: "zk-client",
    init: (ctx) => initClient(config, ctx),
    step: (state, input, ctx) => {
      const out: Out = [];
      return { state: stepClient(state, input, ctx, out), effects: out };
    },
    describeMessage: describeWireMessage,
    fingerprintMessage: fingerprintWireMessage,
  };
}

/** A fresh handle: no session yet; it connects at once (a restart of the client node is a new handle). */
function initClient(config: ClientConfig, ctx: NodeContext): StepResult<ClientState, WireMessage> {
  const out: Out = [];
  const fresh: ClientState = {
    config,
    handle: "CONNECTING",
    hosts: shuffleHosts(config.servers, ctx.random),
    hostIndex: -1,
    failedAttempts: 0,
    connection: null,
    session: null,
    lastZxidSeen: 0,
    nextXid: FIRST_XID,
    queued: [],
    outstanding: [],
    authsInFlight: [],
    auth: [],
    watches: [],
    closing: false,
    sessionCount: 1,
  };
  return { state: startConnect(fresh, out), effects: out };
}

function stepClient(
  state: ClientState,
  input: Input<WireMessage>,
  ctx: NodeContext,
  out: Out,
): ClientState {
  switch (input.kind) {
    case "request":
      return onCall(state, input.request, ctx, out);
    case "message":
      if (input.from !== state.connection?.server) return state;
      return onMessage(state, input.msg, ctx, out);
    case "disconnected":
      if (input.peer !== state.connection?.server) return state;
      return connectionLost(state, ctx, out, "connection broken");
    case "timer":
      return onTimer(state, input.timer, ctx, out);
    case "fsync-done":
      return state;
    default:
      return assertNever(input, "client input");
  }
}

/** Anything heard on the connection proves it alive: the read timeout starts over. */
function onMessage(state: ClientState, msg: WireMessage, ctx: NodeContext, out: Out): ClientState {
  if (state.session !== null && state.connection?.established === true) {
    out.push({
      kind: "set-timer",
      timer: READ_TIMER,
      afterUs: readTimeoutUs(state.session.timeoutMs),
    });
  }
  switch (msg.type) {
    case "ConnectResponse":
      return onConnectResponse(state, msg, ctx, out);
    case "ReplyPacket":
    case "WatcherEvent":
      if (state.connection?.established !== true) return outOfPlace(state, msg.type, ctx, out);
      if (isOversize(msg)) return connectionLost(state, ctx, out, "packet over jute.maxbuffer");
      return msg.type === "ReplyPacket"
        ? onReplyPacket(state, msg, ctx, out)
        : onWatcherEvent(state, msg, ctx, out);
    case "ConnectRequest":
    case "RequestPacket":
      return outOfPlace(state, msg.type, ctx, out);
    default:
      return assertNever(msg, "wire message");
  }
}

/**
 * ClientCnxnSocket.readLength: "if (len < 0 || len > packetLen) throw new IOException(\"Packet len \" + len
 * + \" is out of range!\")" with packetLen jute.maxbuffer (1,048,575 by default): the connection is dropped.
 */
function isOversize(msg: ReplyPacket | WatcherEvent): boolean {
  const length = msg.type === "ReplyPacket" ? replyPacketLength(msg) : watcherEventLength(msg);
  return length > JUTE_MAX_BUFFER;
}

function outOfPlace(state: ClientState, type: string, ctx: NodeContext, out: Out): ClientState {
  observeViolation(out, ctx.self, `${type} out of place`, {
    server: state.connection?.server ?? null,
  });
  return connectionLost(state, ctx, out, `${type} out of place`);
}

function onTimer(state: ClientState, timer: string, ctx: NodeContext, out: Out): ClientState {
  const connection = state.connection;
  if (timer === CONNECT_TIMER && connection !== null && !connection.established) {
    return connectionLost(state, ctx, out, "connect timeout");
  }
  if (timer === READ_TIMER && connection?.established === true) {
    return connectionLost(state, ctx, out, "read timeout");
  }
  if (timer === PING_TIMER && connection?.established === true) {
    sendReserved(state, out, { op: "ping" }, PING_XID);
    return state;
  }
  if (timer === REQUEST_TIMER && connection?.established === true) {
    const head = state.outstanding[0];
    if (head === undefined) return state;
    if (ctx.nowUs - head.sentAtUs >= state.config.requestTimeoutMs * 1_000) {
      return requestTimedOut(state, ctx, out);
    }
    armRequestTimer(state, out, ctx.nowUs);
    return state;
  }
  if (timer === RECONNECT_TIMER && connection === null && state.handle === "CONNECTING") {
    return startConnect(state, out);
  }
  return state;
}
