// A test-only protocol: every node pings every other node on a timer and answers pings with pongs.
// It records what it received, so tests can see exactly which messages crossed which links and when.
import type {
  Effect,
  Input,
  Micros,
  NodeContext,
  NodeId,
  NodeProtocol,
} from "../../sim/api/index.js";
import { assertNever, ms } from "../../sim/api/index.js";

export type PingMessage =
  | { readonly type: "PING"; readonly seq: number }
  | { readonly type: "PONG"; readonly seq: number };

export interface Received {
  readonly from: NodeId;
  readonly type: PingMessage["type"];
  readonly seq: number;
  /** The receiver's clock at delivery. */
  readonly atUs: number;
}

export interface PingState {
  readonly seq: number;
  readonly received: readonly Received[];
  readonly disconnects: readonly NodeId[];
}

export function pingPong(periodUs: Micros = ms(10)): NodeProtocol<PingState, PingMessage> {
  const tick = (ctx: NodeContext, seq: number): Effect<PingMessage>[] => [
    ...ctx.nodes
      .filter((peer) => peer !== ctx.self)
      .map((to): Effect<PingMessage> => ({ kind: "send", to, msg: { type: "PING", seq } })),
    { kind: "set-timer", timer: "tick", afterUs: periodUs },
  ];
  return {
    name: "ping-pong",
    init: (ctx) => ({
      state: { seq: 0, received: [], disconnects: [] },
      effects: tick(ctx, 0),
    }),
    step(state: PingState, input: Input<PingMessage>, ctx: NodeContext) {
      switch (input.kind) {
        case "timer":
          return { state: { ...state, seq: state.seq + 1 }, effects: tick(ctx, state.seq + 1) };
        case "message": {
          const { msg, from } = input;
          const received = [
            ...state.received,
            { from, type: msg.type, seq: msg.seq, atUs: ctx.nowUs },
          ];
          const effects: Effect<PingMessage>[] =
            msg.type === "PING"
              ? [{ kind: "send", to: from, msg: { type: "PONG", seq: msg.seq } }]
              : [];
          return { state: { ...state, received }, effects };
        }
        case "disconnected":
          return {
            state: { ...state, disconnects: [...state.disconnects, input.peer] },
            effects: [],
          };
        case "request":
        case "fsync-done":
          return { state, effects: [] };
        default:
          return assertNever(input, "input");
      }
    },
    describeMessage: (msg) => `${msg.type} ${msg.seq}`,
  };
}
