// The double barrier (reference §7 "Double barrier"). Enter: create b/p (EPHEMERAL), set exists(b/ready,
// watch), list b; with fewer than `members` wait for the ready event, else create b/ready. Leave: list b;
// no participant left -> exit; only mine -> delete it and exit; if mine is the lowest wait on the highest,
// else delete mine and wait on the lowest; repeat. `joined` and `finished` are noted before the create
// and the delete they announce, `entered` and `left` after the reads that let the client through.

import type { Micros } from "../../../sim/api/index.js";
import {
  call,
  childrenOf,
  codeOf,
  isAnswered,
  isCurrent,
  joinPath,
  note,
  RETRY_TIMER,
  retryLater,
  stepOf,
  timer,
} from "./kit.js";
import type { Action, Reaction, RecipeContext, RecipeProgram, ReplyStimulus } from "./program.js";

export type DoubleBarrierOptions = {
  readonly root: string;
  readonly members: number;
  /** The work between entering and leaving. */
  readonly workUs: Micros;
};

const phases = [
  "root",
  "join",
  "ready",
  "count",
  "open",
  "inside",
  "list",
  "delete",
  "watch",
  "out",
] as const;
export type DoubleBarrierPhase = (typeof phases)[number];

export type DoubleBarrierState = {
  readonly phase: DoubleBarrierPhase;
  readonly gen: number;
  /** The node waited for while leaving. */
  readonly watched: string | null;
  readonly retrying: boolean;
};

const READY = "ready";
const WORK_TIMER = "work";

type O = DoubleBarrierOptions;
type S = DoubleBarrierState;

export function doubleBarrierProgram(options: O): RecipeProgram<S> {
  return {
    recipe: "double-barrier",
    init: () => ({ phase: "root", gen: 0, watched: null, retrying: false }),
    react: (state, stimulus, ctx) => {
      switch (stimulus.kind) {
        case "start":
          return enter(options, state, "root", ctx);
        case "timer":
          if (stimulus.timer === WORK_TIMER && state.phase === "inside") {
            return enter(options, state, "list", ctx, [note("finished")]);
          }
          if (stimulus.timer !== RETRY_TIMER || !state.retrying) return { state, actions: [] };
          return enter(options, state, state.phase, ctx);
        case "watch":
          if (state.phase === "count" && stimulus.path === joinPath(options.root, READY)) {
            return entered(options, state, ctx);
          }
          if (state.phase === "watch" && stimulus.path === state.watched) {
            return enter(options, { ...state, gen: state.gen + 1 }, "list", ctx);
          }
          return { state, actions: [] };
        case "reply":
          if (!isCurrent(stimulus, state.gen) || stepOf(stimulus) !== state.phase) {
            return { state, actions: [] };
          }
          if (!isAnswered(stimulus))
            return { state: { ...state, retrying: true }, actions: [retryLater()] };
          return onReply(options, state, stimulus, ctx);
        case "session":
        case "message":
          return { state, actions: [] };
      }
    },
  };
}

function mine(o: O, ctx: RecipeContext): string {
  return joinPath(o.root, `p-${ctx.self}`);
}

function enter(
  o: O,
  s: S,
  phase: DoubleBarrierPhase,
  ctx: RecipeContext,
  extra: readonly Action[] = [],
): Reaction<S> {
  const state: S = { ...s, phase, retrying: false };
  const g = state.gen;
  const actions: Action[] = [...extra];
  const ready = joinPath(o.root, READY);
  switch (phase) {
    case "root":
      actions.push(call(g, phase, "create", { path: o.root }));
      break;
    case "join":
      actions.push(call(g, phase, "create", { path: mine(o, ctx), mode: "ephemeral" }));
      break;
    case "ready":
      actions.push(call(g, phase, "exists", { path: ready, watch: true }));
      break;
    case "count":
    case "list":
      actions.push(call(g, phase, "getChildren", { path: o.root }));
      break;
    case "open":
      actions.push(call(g, phase, "create", { path: ready }));
      break;
    case "delete":
      actions.push(call(g, phase, "delete", { path: mine(o, ctx) }));
      break;
    case "watch":
      actions.push(call(g, phase, "exists", { path: state.watched ?? ready, watch: true }));
      break;
    case "inside":
    case "out":
      break;
  }
  return { state, actions };
}

function entered(o: O, s: S, ctx: RecipeContext): Reaction<S> {
  return enter(o, s, "inside", ctx, [note("entered"), timer(WORK_TIMER, o.workUs)]);
}

function onReply(o: O, s: S, reply: ReplyStimulus, ctx: RecipeContext): Reaction<S> {
  const code = codeOf(reply);
  const retry: Reaction<S> = { state: { ...s, retrying: true }, actions: [retryLater()] };
  switch (s.phase) {
    case "root":
      return code === "OK" || code === "NODEEXISTS"
        ? enter(o, s, "join", ctx, [note("joined")])
        : retry;
    case "join":
      return code === "OK" || code === "NODEEXISTS" ? enter(o, s, "ready", ctx) : retry;
    case "ready":
      if (code === "OK") return entered(o, s, ctx);
      return code === "NONODE" ? enter(o, s, "count", ctx) : retry;
    case "count": {
      if (code !== "OK") return retry;
      const participants = childrenOf(reply).filter((c) => c !== READY);
      // Fewer than all: the exists watch on ready (set before listing) will tell.
      return participants.length >= o.members
        ? enter(o, s, "open", ctx)
        : { state: s, actions: [] };
    }
    case "open":
      return code === "OK" || code === "NODEEXISTS" ? entered(o, s, ctx) : retry;
    case "list":
      return code === "OK" ? onLeaveList(o, s, childrenOf(reply), ctx) : retry;
    case "delete":
      if (code !== "OK" && code !== "NONODE") return retry;
      return s.watched === null ? left(o, s, ctx) : enter(o, s, "watch", ctx);
    case "watch":
      if (code === "NONODE") return enter(o, s, "list", ctx);
      return code === "OK" ? { state: s, actions: [] } : retry;
    case "inside":
    case "out":
      return { state: s, actions: [] };
  }
}

function left(o: O, s: S, ctx: RecipeContext): Reaction<S> {
  return enter(o, { ...s, watched: null }, "out", ctx, [note("left")]);
}

function onLeaveList(o: O, s: S, children: readonly string[], ctx: RecipeContext): Reaction<S> {
  const participants = children.filter((c) => c !== READY).sort();
  const me = `p-${ctx.self}`;
  if (participants.length === 0) return left(o, s, ctx);
  if (participants.length === 1 && participants[0] === me) {
    return enter(o, { ...s, watched: null }, "delete", ctx);
  }
  const lowest = participants[0] ?? me;
  const highest = participants.at(-1) ?? me;
  if (lowest === me) return enter(o, { ...s, watched: joinPath(o.root, highest) }, "watch", ctx);
  const watched = joinPath(o.root, lowest);
  return participants.includes(me)
    ? enter(o, { ...s, watched }, "delete", ctx)
    : enter(o, { ...s, watched }, "watch", ctx);
}
