// The node an app instance runs on: the ZooKeeper client library (protocol/zk/client) for the handle the app
// opened, plus the app's timers and notes. Its steps stay pure in what they return; what the app must hear
// (its calls' outcomes, session and watch events, its timers, a (re)start) goes to the app host's bridge,
// which only queues it for the instance's next turn.

import {
  type ClientConfig,
  type ClientState,
  CONNECT_TIMER,
  clientConfig,
  PING_TIMER,
  READ_TIMER,
  RECONNECT_TIMER,
  REQUEST_TIMER,
  zkClient,
} from "../../protocol/zk/client/index.js";
import {
  describeWireMessage,
  fingerprintWireMessage,
  type WireMessage,
} from "../../protocol/zk/wire/index.js";
import {
  assertNever,
  type Effect,
  type Input,
  type Json,
  micros,
  ms,
  type NodeContext,
  type NodeProtocol,
  nodeId,
  type Observation,
} from "../../sim/api/index.js";
import type { AppBridge } from "./app-bridge.js";
import {
  type AppMessage,
  describeAppMessage,
  fingerprintAppMessage,
  isAppMessage,
} from "./app-messages.js";
import type { HandleEvent, SessionState, WatchEventType } from "./handle-driver.js";

export type AppNodeMessage = WireMessage | AppMessage;

export type AppNodeState = {
  /** The open handle's client, null before the first APP_OPEN. */
  readonly client: ClientState | null;
  /** How many APP_OPENs this incarnation has seen: events name the handle they belong to. */
  readonly handle: number;
};

/** App timers are kept apart from the client's (`zk-client/...`) by this prefix. */
export const APP_TIMER_PREFIX = "app/";
const CLIENT_TIMERS = [CONNECT_TIMER, READ_TIMER, PING_TIMER, REQUEST_TIMER, RECONNECT_TIMER];

type Out = Effect<AppNodeMessage>[];
type ClientOf = (config: ClientConfig) => NodeProtocol<ClientState, WireMessage>;

/**
 * The client protocol for a handle's config, made once per handle rather than once per step (a state's
 * config is the same object for the handle's whole life).
 */
function clientCache(): ClientOf {
  let last: { config: ClientConfig; protocol: NodeProtocol<ClientState, WireMessage> } | null =
    null;
  return (config) => {
    if (last === null || last.config !== config) last = { config, protocol: zkClient(config) };
    return last.protocol;
  };
}

export function appNode(bridge: AppBridge): NodeProtocol<AppNodeState, AppNodeMessage> {
  const clientOf = clientCache();
  return {
    name: "app",
    init: (ctx) => {
      bridge.started(ctx.self);
      return { state: { client: null, handle: 0 }, effects: [] };
    },
    step: (state, input, ctx) => {
      const out: Out = [];
      return { state: stepApp(bridge, clientOf, state, input, ctx, out), effects: out };
    },
    describeMessage: (msg) =>
      isAppMessage(msg) ? describeAppMessage(msg) : describeWireMessage(msg),
    fingerprintMessage: (msg, sink) =>
      isAppMessage(msg) ? fingerprintAppMessage(msg, sink) : fingerprintWireMessage(msg, sink),
  };
}

function stepApp(
  bridge: AppBridge,
  clientOf: ClientOf,
  state: AppNodeState,
  input: Input<AppNodeMessage>,
  ctx: NodeContext,
  out: Out,
): AppNodeState {
  if (input.kind === "message" && isAppMessage(input.msg)) {
    return onAppMessage(bridge, state, input.msg, ctx, out);
  }
  if (input.kind === "timer" && input.timer.startsWith(APP_TIMER_PREFIX)) {
    bridge.timerFired(ctx.self, Number(input.timer.slice(APP_TIMER_PREFIX.length)));
    return state;
  }
  if (state.client === null) {
    if (input.kind === "request") {
      out.push({
        kind: "reply",
        requestId: input.request.requestId,
        type: "fail",
        value: { error: "CONNECTIONLOSS", reason: "no open handle" },
        fields: { session: 0, server: null, zxid: null },
      });
    }
    return state;
  }
  const client = state.client;
  const result = clientOf(client.config).step(client, input as Input<WireMessage>, ctx);
  const next: AppNodeState = { ...state, client: result.state };
  absorb(bridge, next, result.effects, ctx, out);
  return next;
}

function onAppMessage(
  bridge: AppBridge,
  state: AppNodeState,
  msg: AppMessage,
  ctx: NodeContext,
  out: Out,
): AppNodeState {
  switch (msg.type) {
    case "APP_OPEN":
      return openHandle(bridge, state, msg, ctx, out);
    case "APP_TIMER":
      out.push({
        kind: "set-timer",
        timer: `${APP_TIMER_PREFIX}${msg.timer}`,
        afterUs: micros(msg.afterUs),
      });
      return state;
    case "APP_CANCEL":
      out.push({ kind: "cancel-timer", timer: `${APP_TIMER_PREFIX}${msg.timer}` });
      return state;
    case "APP_NOTE":
      observe(out, { ...msg.fields, kind: "app-note", client: ctx.self, event: msg.event });
      return state;
    case "APP_MAIN":
      observe(out, {
        kind: "app-main",
        client: ctx.self,
        status: msg.status,
        message: msg.message,
      });
      return state;
    default:
      return assertNever(msg, "app message");
  }
}

/** A new handle: the old one's connection and timers go (an application that replaced its handle). */
function openHandle(
  bridge: AppBridge,
  state: AppNodeState,
  msg: Extract<AppMessage, { type: "APP_OPEN" }>,
  ctx: NodeContext,
  out: Out,
): AppNodeState {
  const server = state.client?.connection?.server;
  if (server !== undefined) out.push({ kind: "close", peer: server });
  for (const timer of CLIENT_TIMERS) out.push({ kind: "cancel-timer", timer });
  const config = clientConfig(msg.servers.map(nodeId), {
    sessionTimeoutMs: msg.sessionTimeoutMs,
    reconnectDelayMaxUs: ms(msg.spinDelayMs),
    // A real handle stays dead after Expired; the application opens a new one.
    renewExpiredSession: false,
  });
  const started = zkClient(config).init(ctx);
  const next: AppNodeState = { client: started.state, handle: state.handle + 1 };
  absorb(bridge, next, started.effects, ctx, out);
  return next;
}

/** Passes the client's effects on to the kernel, telling the app what concerns it. */
function absorb(
  bridge: AppBridge,
  state: AppNodeState,
  effects: readonly Effect<WireMessage>[],
  ctx: NodeContext,
  out: Out,
): void {
  for (const effect of effects) {
    out.push(effect);
    if (effect.kind === "reply") {
      const zxid = effect.fields?.zxid;
      bridge.replied(ctx.self, effect.requestId, {
        type: effect.type,
        value: fieldsOf(effect.value),
        zxid: typeof zxid === "number" ? zxid : null,
      });
    } else if (effect.kind === "observe") {
      const event = handleEventOf(effect.observation, state.client);
      if (event !== null) bridge.handleEvent(ctx.self, state.handle, event);
    }
  }
}

function handleEventOf(o: Observation, client: ClientState | null): HandleEvent | null {
  if (o.kind === "session-event") {
    return {
      kind: "session",
      state: o.state as SessionState,
      sessionId: Number(o.session),
      passwd: client?.session?.passwd ?? "",
      timeoutMs: client?.session?.timeoutMs ?? client?.config.sessionTimeoutMs ?? 0,
    };
  }
  if (o.kind === "watch-event") {
    const fired = Array.isArray(o.fired) ? o.fired.map(String) : [];
    return { kind: "watch", type: o.type as WatchEventType, path: String(o.path), fired };
  }
  return null;
}

function fieldsOf(value: Json): { readonly [field: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as { readonly [field: string]: Json })
    : { value };
}

function observe(out: Out, observation: Observation): void {
  out.push({ kind: "observe", observation });
}
