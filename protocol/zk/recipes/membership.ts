// Group membership (reference §7 "Group membership"): each member creates an EPHEMERAL child named after
// itself (and may leave by deleting it); a monitor lists the children with a watch and lists again on
// every event. A member that learns its session expired notes it and joins again in its new session.

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
import type { Reaction, RecipeContext, RecipeProgram, Stimulus } from "./program.js";

export type MemberOptions = {
  readonly root: string;
  /** Leave the group this long after joining; null: stay. */
  readonly leaveAfterUs: Micros | null;
};

export type MemberState = {
  readonly phase: "root" | "join" | "member" | "leave" | "left";
  readonly gen: number;
};

const LEAVE_TIMER = "leave";

export function memberProgram(options: MemberOptions): RecipeProgram<MemberState> {
  return {
    recipe: "membership",
    init: () => ({ phase: "root", gen: 0 }),
    react: (state, stimulus, ctx) => memberReact(options, state, stimulus, ctx),
  };
}

function memberReact(
  o: MemberOptions,
  state: MemberState,
  stimulus: Stimulus,
  ctx: RecipeContext,
): Reaction<MemberState> {
  const member = `m-${ctx.self}`;
  const path = joinPath(o.root, member);
  const issue = (s: MemberState): Reaction<MemberState> => {
    if (s.phase === "root")
      return { state: s, actions: [call(s.gen, "root", "create", { path: o.root })] };
    if (s.phase === "join") {
      return { state: s, actions: [call(s.gen, "join", "create", { path, mode: "ephemeral" })] };
    }
    if (s.phase === "leave")
      return { state: s, actions: [call(s.gen, "leave", "delete", { path })] };
    return { state: s, actions: [] };
  };
  switch (stimulus.kind) {
    case "start":
      return issue(state);
    case "timer":
      if (stimulus.timer === RETRY_TIMER) return issue(state);
      if (stimulus.timer !== LEAVE_TIMER || state.phase !== "member") return { state, actions: [] };
      return withNote(note("left", { member }), issue({ ...state, phase: "leave" }));
    case "session":
      if (stimulus.state !== "Expired" || state.phase === "left") return { state, actions: [] };
      return withNote(
        note("expired", { member }),
        issue({ phase: state.phase === "root" ? "root" : "join", gen: state.gen + 1 }),
      );
    case "reply": {
      if (!isCurrent(stimulus, state.gen) || stepOf(stimulus) !== state.phase)
        return { state, actions: [] };
      const code = codeOf(stimulus);
      if (!isAnswered(stimulus)) return { state, actions: [retryLater()] };
      if (state.phase === "root") return issue({ ...state, phase: "join" });
      if (state.phase === "leave") return { state: { ...state, phase: "left" }, actions: [] };
      // NODEEXISTS: our own earlier create whose answer was lost (the node is ours: it bears our name).
      if (code !== "OK" && code !== "NODEEXISTS") return { state, actions: [retryLater()] };
      const leave = o.leaveAfterUs === null ? [] : [timer(LEAVE_TIMER, o.leaveAfterUs)];
      return {
        state: { ...state, phase: "member" },
        actions: [note("joined", { member }), ...leave],
      };
    }
    case "watch":
    case "message":
      return { state, actions: [] };
  }
}

function withNote<S>(first: Reaction<S>["actions"][number], reaction: Reaction<S>): Reaction<S> {
  return { state: reaction.state, actions: [first, ...reaction.actions] };
}

export type MonitorState = { readonly gen: number; readonly retrying: boolean };

/** Lists the group with a watch; lists again on every event on the group or a lost session. */
export function monitorProgram(options: { readonly root: string }): RecipeProgram<MonitorState> {
  const list = (s: MonitorState): Reaction<MonitorState> => ({
    state: { gen: s.gen + 1, retrying: false },
    actions: [call(s.gen + 1, "list", "getChildren", { path: options.root, watch: true })],
  });
  return {
    recipe: "membership",
    init: () => ({ gen: 0, retrying: false }),
    react: (state, stimulus) => {
      switch (stimulus.kind) {
        case "start":
          return list(state);
        case "watch":
          return stimulus.path === options.root ? list(state) : { state, actions: [] };
        case "session":
          return stimulus.state === "Expired" ? list(state) : { state, actions: [] };
        case "timer":
          return stimulus.timer === RETRY_TIMER && state.retrying
            ? list(state)
            : { state, actions: [] };
        case "reply": {
          if (!isCurrent(stimulus, state.gen)) return { state, actions: [] };
          // NONODE (no group yet) leaves no child watch: ask again later, as on a lost answer.
          if (codeOf(stimulus) !== "OK")
            return { state: { ...state, retrying: true }, actions: [retryLater()] };
          const members = [...childrenOf(stimulus)];
          return { state, actions: [note("members", { members })] };
        }
        case "message":
          return { state, actions: [] };
      }
    },
  };
}
