// Configuration management (reference §7 "config node + data watch"): a writer sets the config node to
// 1, 2, ..., n; a follower reads it with a watch and reads again on every event (and after losing its
// session, which takes the watch with it), noting each value it sees.

import type { Micros } from "../../../sim/api/index.js";
import {
  call,
  codeOf,
  dataOf,
  isAnswered,
  isCurrent,
  note,
  RETRY_TIMER,
  retryLater,
  stepOf,
  timer,
} from "./kit.js";
import type { Reaction, RecipeProgram, ReplyStimulus, Stimulus } from "./program.js";

export type ConfigWriterOptions = {
  readonly path: string;
  readonly values: number;
  readonly intervalUs: Micros;
};

export type ConfigWriterState = {
  readonly phase: "create" | "set" | "done";
  readonly value: number;
};

const NEXT_TIMER = "next-value";

export function configWriterProgram(
  options: ConfigWriterOptions,
): RecipeProgram<ConfigWriterState> {
  const issue = (s: ConfigWriterState): Reaction<ConfigWriterState> => ({
    state: s,
    actions: [
      s.phase === "create"
        ? call(0, "create", "create", { path: options.path, data: "0" })
        : call(0, "set", "setData", { path: options.path, data: String(s.value) }),
    ],
  });
  return {
    recipe: "config",
    init: () => ({ phase: "create", value: 0 }),
    react: (state, stimulus) => {
      if (stimulus.kind === "start") return issue(state);
      if (stimulus.kind === "timer") {
        if (stimulus.timer === NEXT_TIMER) return issue({ phase: "set", value: state.value + 1 });
        return stimulus.timer === RETRY_TIMER ? issue(state) : { state, actions: [] };
      }
      if (stimulus.kind !== "reply" || stepOf(stimulus) !== state.phase)
        return { state, actions: [] };
      const code = codeOf(stimulus);
      const done =
        state.phase === "create" ? code === "OK" || code === "NODEEXISTS" : code === "OK";
      // An unanswered setData is made again: setting the same value twice is harmless.
      if (!done) return { state, actions: [retryLater()] };
      const actions = state.phase === "set" ? [note("wrote", { value: state.value })] : [];
      if (state.value >= options.values) return { state: { ...state, phase: "done" }, actions };
      return { state, actions: [...actions, timer(NEXT_TIMER, options.intervalUs)] };
    },
  };
}

export type ConfigFollowerState = {
  readonly phase: "read" | "exists" | "wait";
  readonly gen: number;
  readonly retrying: boolean;
};

export function configFollowerProgram(options: {
  readonly path: string;
}): RecipeProgram<ConfigFollowerState> {
  return {
    recipe: "config",
    init: () => ({ phase: "read", gen: 0, retrying: false }),
    react: (state, stimulus) => followerReact(options.path, state, stimulus),
  };
}

function followerReact(
  path: string,
  state: ConfigFollowerState,
  stimulus: Stimulus,
): Reaction<ConfigFollowerState> {
  const read = (s: ConfigFollowerState, phase: "read" | "exists" = "read") => ({
    state: { ...s, phase, retrying: false },
    actions: [call(s.gen, phase, phase === "read" ? "getData" : "exists", { path, watch: true })],
  });
  switch (stimulus.kind) {
    case "start":
      return read(state);
    case "watch":
      // Every event on the node means "read again" (NodeCreated, NodeDataChanged, NodeDeleted).
      return stimulus.path === path
        ? read({ ...state, gen: state.gen + 1 })
        : { state, actions: [] };
    case "session":
      return stimulus.state === "Expired"
        ? read({ ...state, gen: state.gen + 1 })
        : { state, actions: [] };
    case "timer":
      return stimulus.timer === RETRY_TIMER && state.retrying
        ? read(state, state.phase === "exists" ? "exists" : "read")
        : { state, actions: [] };
    case "reply":
      if (!isCurrent(stimulus, state.gen) || stepOf(stimulus) !== state.phase)
        return { state, actions: [] };
      return onFollowerReply(state, stimulus, read);
    case "message":
      return { state, actions: [] };
  }
}

function onFollowerReply(
  state: ConfigFollowerState,
  reply: ReplyStimulus,
  read: (s: ConfigFollowerState, phase?: "read" | "exists") => Reaction<ConfigFollowerState>,
): Reaction<ConfigFollowerState> {
  const code = codeOf(reply);
  if (!isAnswered(reply) || (code !== "OK" && code !== "NONODE")) {
    return { state: { ...state, retrying: true }, actions: [retryLater()] };
  }
  if (state.phase === "exists") {
    // The node appeared between the two reads: read it; otherwise the exists watch will tell.
    return code === "OK" ? read(state) : { state: { ...state, phase: "wait" }, actions: [] };
  }
  // getData leaves no watch on a missing node: set one with exists.
  if (code === "NONODE") return read(state, "exists");
  const value = Number(dataOf(reply) ?? "0");
  return {
    state: { ...state, phase: "wait" },
    actions: [note("saw", { value, zxid: reply.zxid })],
  };
}
