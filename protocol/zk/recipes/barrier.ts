// The barrier (reference §7 "Barrier"): the barrier node exists = the barrier is up. A waiter calls
// exists(b, watch): no node -> it passes; else it waits for the event and asks again. The coordinator
// raises the barrier, holds it, and lowers it by deleting the node. Notes carry zxids for the checker.

import type { Micros } from "../../../sim/api/index.js";
import {
  call,
  codeOf,
  czxidOf,
  isAnswered,
  isCurrent,
  note,
  RETRY_TIMER,
  retryLater,
  stepOf,
  timer,
} from "./kit.js";
import type { Action, Reaction, RecipeProgram, ReplyStimulus } from "./program.js";

export type BarrierOptions = {
  readonly path: string;
  readonly role: "coordinator" | "waiter";
  /** Coordinator: how long the barrier stands. Waiter: when it arrives at the barrier. */
  readonly afterUs: Micros;
};

export type BarrierState = {
  readonly phase: "start" | "raise" | "stat" | "up" | "lower" | "check" | "wait" | "done";
  readonly gen: number;
  readonly retrying: boolean;
};

const GO_TIMER = "go";

export function barrierProgram(options: BarrierOptions): RecipeProgram<BarrierState> {
  const coordinator = options.role === "coordinator";
  return {
    recipe: "barrier",
    init: () => ({ phase: "start", gen: 0, retrying: false }),
    react: (state, stimulus) => {
      switch (stimulus.kind) {
        case "start":
          return coordinator
            ? enter(options, state, "raise")
            : { state, actions: [timer(GO_TIMER, options.afterUs)] };
        case "timer":
          if (stimulus.timer === GO_TIMER && state.phase === "start") {
            return enter(options, state, "check");
          }
          if (stimulus.timer === GO_TIMER && state.phase === "up") {
            return enter(options, state, "lower");
          }
          if (stimulus.timer === RETRY_TIMER && state.retrying) {
            return enter(options, state, state.phase);
          }
          return { state, actions: [] };
        case "reply":
          if (!isCurrent(stimulus, state.gen) || stepOf(stimulus) !== state.phase) {
            return { state, actions: [] };
          }
          return onReply(options, state, stimulus);
        case "watch":
          if (state.phase !== "wait" || stimulus.path !== options.path)
            return { state, actions: [] };
          return enter(options, state, "check");
        case "session":
          // The watch went with the session: ask again.
          if (stimulus.state !== "Expired" || state.phase !== "wait") return { state, actions: [] };
          return enter(options, { ...state, gen: state.gen + 1 }, "check");
        case "message":
          return { state, actions: [] };
      }
    },
  };
}

function enter(
  o: BarrierOptions,
  s: BarrierState,
  phase: BarrierState["phase"],
  extra: readonly Action[] = [],
): Reaction<BarrierState> {
  const state: BarrierState = { ...s, phase, retrying: false };
  const g = state.gen;
  const actions: Action[] = [...extra];
  if (phase === "raise") actions.push(call(g, phase, "create", { path: o.path }));
  if (phase === "stat") actions.push(call(g, phase, "exists", { path: o.path }));
  if (phase === "lower") actions.push(call(g, phase, "delete", { path: o.path }));
  if (phase === "check") actions.push(call(g, phase, "exists", { path: o.path, watch: true }));
  if (phase === "up") actions.push(timer(GO_TIMER, o.afterUs));
  return { state, actions };
}

function onReply(o: BarrierOptions, s: BarrierState, reply: ReplyStimulus): Reaction<BarrierState> {
  if (!isAnswered(reply)) return { state: { ...s, retrying: true }, actions: [retryLater()] };
  const code = codeOf(reply);
  switch (s.phase) {
    case "raise":
      if (code === "NODEEXISTS") return enter(o, s, "stat");
      if (code !== "OK") return { state: { ...s, retrying: true }, actions: [retryLater()] };
      return enter(o, s, "up", [note("raised", { zxid: czxidOf(reply) })]);
    case "stat":
      return enter(o, s, "up", [note("raised", { zxid: czxidOf(reply) })]);
    case "lower": {
      // NONODE: an earlier delete whose answer was lost did it; its zxid is unknown.
      const zxid = code === "OK" ? reply.zxid : null;
      return enter(o, s, "done", [note("lowered", { zxid })]);
    }
    case "check":
      if (code === "NONODE") return enter(o, s, "done", [note("passed", { zxid: reply.zxid })]);
      return code === "OK"
        ? { state: { ...s, phase: "wait" }, actions: [] }
        : { state: { ...s, retrying: true }, actions: [retryLater()] };
    case "start":
    case "up":
    case "wait":
    case "done":
      return { state: s, actions: [] };
  }
}
