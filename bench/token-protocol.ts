// The benchmark's message-heavy protocol: tokens hop between nodes, one send per delivery, and every node
// keeps a periodic heartbeat timer, so the kernel's network, timers and trace hash are all on the path.
import type {
  Effect,
  FingerprintSink,
  Input,
  Micros,
  NodeContext,
  NodeProtocol,
} from "../sim/api/index.js";

export interface TokenMessage {
  readonly type: "TOKEN";
  readonly hops: number;
}

export interface TokenOptions {
  readonly tokensPerNode: number;
  readonly heartbeatUs: Micros;
}

function forward(ctx: NodeContext, hops: number): Effect<TokenMessage> {
  const nodes = ctx.nodes;
  // Any node but this one, uniformly.
  let to = nodes[ctx.random.int(0, nodes.length - 1)] ?? ctx.self;
  if (to === ctx.self) to = nodes[nodes.length - 1] ?? ctx.self;
  return { kind: "send", to, msg: { type: "TOKEN", hops } };
}

export function tokenProtocol(options: TokenOptions): NodeProtocol<number, TokenMessage> {
  return {
    name: "token",
    init(ctx) {
      const effects: Effect<TokenMessage>[] = [
        { kind: "set-timer", timer: "heartbeat", afterUs: options.heartbeatUs },
      ];
      for (let i = 0; i < options.tokensPerNode; i++) effects.push(forward(ctx, 0));
      return { state: 0, effects };
    },
    step(hops: number, input: Input<TokenMessage>, ctx: NodeContext) {
      if (input.kind === "message")
        return { state: hops + 1, effects: [forward(ctx, input.msg.hops + 1)] };
      if (input.kind === "timer") {
        return {
          state: hops,
          effects: [{ kind: "set-timer", timer: "heartbeat", afterUs: options.heartbeatUs }],
        };
      }
      return { state: hops, effects: [] };
    },
    // The token's contents for the trace hash: its one field, as a protocol would write it (the kernel's
    // generic Json walk of the message is the fallback, not the path to measure).
    fingerprintMessage(msg: TokenMessage, sink: FingerprintSink) {
      sink.number(msg.hops);
    },
  };
}
