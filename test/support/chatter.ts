// A test-only protocol: every node sends a message to every other node each period and observes every
// message it receives, so a test can see which directed links carried traffic and when.
import type { Effect, Input, Micros, NodeContext, NodeProtocol } from "../../sim/api/index.js";

export interface ChatterMessage {
  readonly type: "HELLO";
}

export function chatter(periodUs: Micros): NodeProtocol<null, ChatterMessage> {
  const tick = (ctx: NodeContext): Effect<ChatterMessage>[] => [
    ...ctx.nodes
      .filter((peer) => peer !== ctx.self)
      .map((to): Effect<ChatterMessage> => ({ kind: "send", to, msg: { type: "HELLO" } })),
    { kind: "set-timer", timer: "tick", afterUs: periodUs },
  ];
  return {
    name: "chatter",
    init: (ctx) => ({ state: null, effects: tick(ctx) }),
    step(state: null, input: Input<ChatterMessage>, ctx: NodeContext) {
      if (input.kind === "timer") return { state, effects: tick(ctx) };
      if (input.kind === "message") {
        return {
          state,
          effects: [{ kind: "observe", observation: { kind: "recv", from: input.from } }],
        };
      }
      return { state, effects: [] };
    },
  };
}
