// The kernel self-check's protocol: every node streams numbered messages to random peers and checks that
// each connection delivers exactly a prefix of what was sent on it, in order — TCP's promise, which ZAB
// relies on. A stream restarts from 0 whenever either end learns the connection broke.
import type {
  Effect,
  Input,
  Micros,
  NodeContext,
  NodeId,
  NodeProtocol,
} from "../../sim/api/index.js";
import { assertNever } from "../../sim/api/index.js";

export interface StreamMessage {
  readonly type: "DATA";
  /** Position of this message in the sender's stream to the receiver, from 0. */
  readonly seq: number;
}

export interface StreamState {
  /** Per peer: the next sequence number to send on the current connection. */
  readonly nextSeq: { readonly [peer: string]: number };
  /** Per peer: the sequence number expected next on the current connection. */
  readonly expectSeq: { readonly [peer: string]: number };
  readonly delivered: number;
  readonly violations: readonly string[];
}

export interface StreamOptions {
  readonly periodUs: Micros;
  /** Messages sent per tick, each to a peer drawn from the node's stream. */
  readonly burst: number;
  /** Chance per tick of closing a random connection, as an application timeout would. */
  readonly closeChance: number;
  /**
   * A broken sender, to show the check fires: every this many messages on a stream, one sequence number is
   * skipped (as if the connection had lost a message). Unset in the self-check scenario.
   */
  readonly skipEvery?: number;
}

function tick(
  state: StreamState,
  ctx: NodeContext,
  options: StreamOptions,
): [StreamState, Effect<StreamMessage>[]] {
  const peers = ctx.nodes.filter((peer) => peer !== ctx.self);
  const nextSeq = { ...state.nextSeq };
  const expectSeq = { ...state.expectSeq };
  const effects: Effect<StreamMessage>[] = [];
  for (let i = 0; i < options.burst && peers.length > 0; i++) {
    const to = ctx.random.pick(peers);
    const planned = nextSeq[to] ?? 0;
    const skip =
      options.skipEvery !== undefined && planned > 0 && planned % options.skipEvery === 0;
    const seq = skip ? planned + 1 : planned;
    nextSeq[to] = seq + 1;
    effects.push({ kind: "send", to, msg: { type: "DATA", seq } });
  }
  if (peers.length > 0 && ctx.random.chance(options.closeChance)) {
    const peer = ctx.random.pick(peers);
    // Closing ends both streams of this connection.
    nextSeq[peer] = 0;
    expectSeq[peer] = 0;
    effects.push({ kind: "close", peer });
  }
  effects.push({ kind: "set-timer", timer: "tick", afterUs: options.periodUs });
  return [{ ...state, nextSeq, expectSeq }, effects];
}

function receive(
  state: StreamState,
  from: NodeId,
  msg: StreamMessage,
  ctx: NodeContext,
): [StreamState, Effect<StreamMessage>[]] {
  const expected = state.expectSeq[from] ?? 0;
  const broken = msg.seq !== expected && state.violations.length < 10;
  const message = `${ctx.self} got DATA ${msg.seq} from ${from}, expected ${expected}`;
  const next = {
    ...state,
    expectSeq: { ...state.expectSeq, [from]: msg.seq + 1 },
    delivered: state.delivered + 1,
    violations: broken ? [...state.violations, message] : state.violations,
  };
  // Observed as well, so the self-check can say when (in simulated time) and where it showed.
  const observation = { kind: "fifo-violation", from, seq: msg.seq, expected, message };
  return [next, broken ? [{ kind: "observe", observation }] : []];
}

export function streamProtocol(options: StreamOptions): NodeProtocol<StreamState, StreamMessage> {
  return {
    name: "stream",
    init(ctx) {
      const empty: StreamState = { nextSeq: {}, expectSeq: {}, delivered: 0, violations: [] };
      const [state, effects] = tick(empty, ctx, options);
      return { state, effects };
    },
    step(state: StreamState, input: Input<StreamMessage>, ctx: NodeContext) {
      switch (input.kind) {
        case "timer": {
          const [next, effects] = tick(state, ctx, options);
          return { state: next, effects };
        }
        case "message": {
          const [next, effects] = receive(state, input.from, input.msg, ctx);
          return { state: next, effects };
        }
        case "disconnected": {
          const peer = input.peer;
          const nextSeq = { ...state.nextSeq, [peer]: 0 };
          const expectSeq = { ...state.expectSeq, [peer]: 0 };
          return { state: { ...state, nextSeq, expectSeq }, effects: [] };
        }
        case "request":
        case "fsync-done":
          return { state, effects: [] };
        default:
          return assertNever(input, "input");
      }
    },
    describeMessage: (msg) => `DATA ${msg.seq}`,
  };
}
