// A test-only protocol driven by client requests: `send`, `close` and `timer` requests make the node act,
// and everything it receives becomes an observation stamped with simulated time, so tests can assert on
// exactly what crossed the network and when.
import type {
  Effect,
  Input,
  Json,
  NodeContext,
  NodeId,
  NodeProtocol,
} from "../../sim/api/index.js";
import { micros } from "../../sim/api/index.js";
import type { Simulation } from "../../sim/kernel/index.js";

export interface NumberedMessage {
  readonly type: "MSG";
  readonly n: number;
}

function handleRequest(
  input: Input<NumberedMessage> & { kind: "request" },
): Effect<NumberedMessage>[] {
  const { requestId, f, value } = input.request;
  const args = value as { readonly [key: string]: Json };
  const reply: Effect<NumberedMessage> = { kind: "reply", requestId, type: "ok", value: null };
  switch (f) {
    case "send": {
      const count = (args.count as number | undefined) ?? 1;
      const first = (args.n as number | undefined) ?? 0;
      const sends = Array.from(
        { length: count },
        (_, i): Effect<NumberedMessage> => ({
          kind: "send",
          to: args.to as NodeId,
          msg: { type: "MSG", n: first + i },
        }),
      );
      return [...sends, reply];
    }
    case "close":
      return [{ kind: "close", peer: args.peer as NodeId }, reply];
    case "timer":
      return [
        { kind: "set-timer", timer: args.name as string, afterUs: micros(args.afterUs as number) },
        reply,
      ];
    default:
      return [{ ...reply, type: "fail", value: `unknown request ${f}` }];
  }
}

export const recorder: NodeProtocol<number, NumberedMessage> = {
  name: "recorder",
  init: () => ({ state: 0, effects: [{ kind: "observe", observation: { kind: "start" } }] }),
  step(steps: number, input: Input<NumberedMessage>, ctx: NodeContext) {
    const observe = (observation: {
      kind: string;
      [k: string]: Json;
    }): Effect<NumberedMessage>[] => [
      { kind: "observe", observation: { ...observation, localUs: ctx.nowUs } },
    ];
    switch (input.kind) {
      case "request":
        return { state: steps + 1, effects: handleRequest(input) };
      case "message":
        return {
          state: steps + 1,
          effects: observe({ kind: "recv", from: input.from, n: input.msg.n }),
        };
      case "disconnected":
        return { state: steps + 1, effects: observe({ kind: "disc", peer: input.peer }) };
      case "timer":
        return { state: steps + 1, effects: observe({ kind: "timer", name: input.timer }) };
      case "fsync-done":
        return { state: steps + 1, effects: [] };
    }
  },
  describeMessage: (msg) => `MSG ${msg.n}`,
};

let processCounter = 0;

/** Makes `node` do something at `atUs` through a request. */
export function act(sim: Simulation, atUs: number, node: string, f: string, value: Json): void {
  processCounter++;
  sim.submit({ atUs, node, process: processCounter, f, value });
}

export interface Seen {
  readonly timeUs: number;
  readonly node: string;
  readonly kind: string;
  readonly from?: string;
  readonly peer?: string;
  readonly n?: number;
  readonly name?: string;
}

export function seen(sim: Simulation, kind?: string): Seen[] {
  return sim.observations
    .filter((o) => kind === undefined || o.observation.kind === kind)
    .map(
      (o) => ({ timeUs: o.timeUs, node: o.node, ...(o.observation as object) }) as unknown as Seen,
    );
}
