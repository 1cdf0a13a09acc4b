// The queue (reference §7 "Queue"): producers create PERSISTENT_SEQUENTIAL elements (persistent, as the
// shipped DistributedQueue does, so elements outlive their producer's session); a consumer lists the
// children with a watch, takes them in sequence order — read, then delete; the delete decides who got it —
// and lists again when its list is exhausted, or waits for the watch when the queue is empty.

import type { Micros } from "../../../sim/api/index.js";
import {
  bySequence,
  call,
  childrenOf,
  codeOf,
  dataOf,
  isAnswered,
  isCurrent,
  joinPath,
  note,
  RETRY_TIMER,
  retryLater,
  stepOf,
  timer,
} from "./kit.js";
import type { Reaction, RecipeProgram, ReplyStimulus } from "./program.js";

export type ProducerOptions = {
  readonly root: string;
  readonly items: number;
  readonly intervalUs: Micros;
};

export type ProducerState = {
  readonly phase: "root" | "put" | "done";
  readonly gen: number;
  readonly produced: number;
};

const NEXT_TIMER = "next-item";

export function producerProgram(options: ProducerOptions): RecipeProgram<ProducerState> {
  const item = (s: ProducerState, ctxSelf: string) => `${ctxSelf}-${s.produced + 1}`;
  const put = (s: ProducerState, self: string): Reaction<ProducerState> => {
    const next: ProducerState = { ...s, phase: "put", gen: s.gen + 1 };
    return {
      state: next,
      actions: [
        note("produced", { item: item(s, self) }),
        call(next.gen, "put", "create", {
          path: joinPath(options.root, "item-"),
          data: item(s, self),
          mode: "persistent_sequential",
        }),
      ],
    };
  };
  return {
    recipe: "queue",
    init: () => ({ phase: "root", gen: 0, produced: 0 }),
    react: (state, stimulus, ctx) => {
      if (
        stimulus.kind === "start" ||
        (stimulus.kind === "timer" && stimulus.timer === RETRY_TIMER)
      ) {
        if (state.phase === "root") {
          return { state, actions: [call(state.gen, "root", "create", { path: options.root })] };
        }
        return state.phase === "put" ? put(state, ctx.self) : { state, actions: [] };
      }
      if (stimulus.kind === "timer" && stimulus.timer === NEXT_TIMER) return put(state, ctx.self);
      if (stimulus.kind !== "reply" || !isCurrent(stimulus, state.gen))
        return { state, actions: [] };
      const code = codeOf(stimulus);
      if (state.phase === "root") {
        return code === "OK" || code === "NODEEXISTS"
          ? put(state, ctx.self)
          : { state, actions: [retryLater()] };
      }
      // A lost answer may have queued the item anyway: try again (the item may then be queued twice).
      if (code !== "OK") return { state, actions: [retryLater()] };
      const produced = state.produced + 1;
      if (produced >= options.items)
        return { state: { ...state, phase: "done", produced }, actions: [] };
      return { state: { ...state, produced }, actions: [timer(NEXT_TIMER, options.intervalUs)] };
    },
  };
}

export type ConsumerOptions = { readonly root: string };

export type ConsumerState = {
  readonly phase: "list" | "idle" | "read" | "take";
  readonly gen: number;
  /** The rest of the last listing, in sequence order; the head is being taken. */
  readonly pending: readonly string[];
  readonly data: string | null;
  readonly retrying: boolean;
};

export function consumerProgram(options: ConsumerOptions): RecipeProgram<ConsumerState> {
  return {
    recipe: "queue",
    init: () => ({ phase: "list", gen: 0, pending: [], data: null, retrying: false }),
    react: (state, stimulus) => {
      switch (stimulus.kind) {
        case "start":
          return enterConsumer(options, state, "list");
        case "timer":
          if (stimulus.timer !== RETRY_TIMER || !state.retrying) return { state, actions: [] };
          return enterConsumer(options, state, state.phase);
        case "watch":
          return state.phase === "idle" && stimulus.path === options.root
            ? enterConsumer(options, state, "list")
            : { state, actions: [] };
        case "session":
          return stimulus.state === "Expired"
            ? enterConsumer(options, { ...state, gen: state.gen + 1, pending: [] }, "list")
            : { state, actions: [] };
        case "reply":
          if (!isCurrent(stimulus, state.gen) || stepOf(stimulus) !== state.phase) {
            return { state, actions: [] };
          }
          return onConsumerReply(options, state, stimulus);
        case "message":
          return { state, actions: [] };
      }
    },
  };
}

function enterConsumer(
  o: ConsumerOptions,
  s: ConsumerState,
  phase: ConsumerState["phase"],
): Reaction<ConsumerState> {
  const state: ConsumerState = { ...s, phase, retrying: false };
  const head = state.pending[0];
  switch (phase) {
    case "idle":
      return { state, actions: [] };
    case "list":
      return { state, actions: [call(s.gen, phase, "getChildren", { path: o.root, watch: true })] };
    case "read":
    case "take": {
      if (head === undefined) return enterConsumer(o, state, "list");
      const path = joinPath(o.root, head);
      const f = phase === "read" ? "getData" : "delete";
      return { state, actions: [call(s.gen, phase, f, { path })] };
    }
  }
}

function onConsumerReply(
  o: ConsumerOptions,
  s: ConsumerState,
  reply: ReplyStimulus,
): Reaction<ConsumerState> {
  const code = codeOf(reply);
  const retry = { state: { ...s, retrying: true }, actions: [retryLater()] };
  const skip = (): Reaction<ConsumerState> =>
    enterConsumer(o, { ...s, pending: s.pending.slice(1), data: null }, "read");
  switch (s.phase) {
    case "list": {
      // NONODE: no producer has created the directory yet; ask again later.
      if (!isAnswered(reply) || code !== "OK") return retry;
      const pending = bySequence(childrenOf(reply));
      if (pending.length === 0) return { state: { ...s, phase: "idle", pending }, actions: [] };
      return enterConsumer(o, { ...s, pending }, "read");
    }
    case "read":
      if (!isAnswered(reply)) return retry;
      if (code !== "OK") return skip();
      return enterConsumer(o, { ...s, data: dataOf(reply) }, "take");
    case "take": {
      // An unanswered delete may have taken the item or not: the item is not claimed (at most once).
      if (!isAnswered(reply) || code !== "OK") return skip();
      const path = joinPath(o.root, s.pending[0] ?? "");
      const taken = skip();
      return {
        state: taken.state,
        actions: [note("consumed", { item: s.data, path }), ...taken.actions],
      };
    }
    case "idle":
      return { state: s, actions: [] };
  }
}
