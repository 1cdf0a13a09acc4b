// Group membership (reference §7 "Group membership"): each member creates an EPHEMERAL child named after
// itself (and may leave by deleting it); a monitor lists the children with a watch and lists again on
// every event. A member that learns its session expired notes it and joins again in its new session; a
// node of its name left by that earlier session is not its own: it waits for the service to delete it.

import type { Micros } from "../../../sim/api/index.js";
import {
  call,
  childrenOf,
  codeOf,
  ephemeralOwnerOf,
  isAnswered,
  isCurrent,
  joinPath,
  note,
  RETRY_TIMER,
  retryLater,
  stepOf,
  timer,
} from "./kit.js";
import type { Reaction, RecipeContext, RecipeProgram, ReplyStimulus, Stimulus } from "./program.js";

export type MemberOptions = {
  readonly root: string;
  /** Leave the group this long after joining; null: stay. */
  readonly leaveAfterUs: Micros | null;
};

export type MemberState = {
  /**
   * `owner`: our create met NODEEXISTS; an exists (with a watch) tells whose node it is. `await`: it is
   * an earlier session's, which the service has not closed yet; we wait for its deletion.
   */
  readonly phase: "root" | "join" | "owner" | "await" | "member" | "leave" | "left";
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

/** The call of the member's current phase, if it has one. */
function issue(o: MemberOptions, s: MemberState, ctx: RecipeContext): Reaction<MemberState> {
  const path = memberPath(o, ctx);
  switch (s.phase) {
    case "root":
      return { state: s, actions: [call(s.gen, "root", "create", { path: o.root })] };
    case "join":
      return { state: s, actions: [call(s.gen, "join", "create", { path, mode: "ephemeral" })] };
    case "owner":
      return { state: s, actions: [call(s.gen, "owner", "exists", { path, watch: true })] };
    case "leave":
      return { state: s, actions: [call(s.gen, "leave", "delete", { path })] };
    case "await":
    case "member":
    case "left":
      return { state: s, actions: [] };
  }
}

function memberPath(o: MemberOptions, ctx: RecipeContext): string {
  return joinPath(o.root, `m-${ctx.self}`);
}

function memberReact(
  o: MemberOptions,
  state: MemberState,
  stimulus: Stimulus,
  ctx: RecipeContext,
): Reaction<MemberState> {
  const member = `m-${ctx.self}`;
  switch (stimulus.kind) {
    case "start":
      return issue(o, state, ctx);
    case "timer":
      if (stimulus.timer === RETRY_TIMER) return issue(o, state, ctx);
      if (stimulus.timer !== LEAVE_TIMER || state.phase !== "member") return { state, actions: [] };
      return withNote(note("left", { member }), issue(o, { ...state, phase: "leave" }, ctx));
    case "session":
      if (stimulus.state !== "Expired" || state.phase === "left") return { state, actions: [] };
      return withNote(
        note("expired", { member }),
        issue(o, { phase: state.phase === "root" ? "root" : "join", gen: state.gen + 1 }, ctx),
      );
    case "reply":
      if (!isCurrent(stimulus, state.gen) || stepOf(stimulus) !== state.phase)
        return { state, actions: [] };
      if (!isAnswered(stimulus)) return { state, actions: [retryLater()] };
      return onMemberReply(o, state, stimulus, ctx);
    case "watch":
      // The earlier session's node is gone: create ours.
      return state.phase === "await" && stimulus.path === memberPath(o, ctx)
        ? issue(o, { ...state, phase: "join" }, ctx)
        : { state, actions: [] };
    case "message":
      return { state, actions: [] };
  }
}

function onMemberReply(
  o: MemberOptions,
  state: MemberState,
  reply: ReplyStimulus,
  ctx: RecipeContext,
): Reaction<MemberState> {
  const code = codeOf(reply);
  switch (state.phase) {
    case "root":
      return issue(o, { ...state, phase: "join" }, ctx);
    case "leave":
      return { state: { ...state, phase: "left" }, actions: [] };
    case "join":
      if (code === "OK") return joined(o, state, ctx);
      // NODEEXISTS: our name is taken, by this session's earlier create whose answer was lost, or by an
      // earlier session of ours that was declared expired but whose closeSession has not committed
      // yet (a leader marks a session closing before its quorum deletes the ephemerals): ask whose.
      return code === "NODEEXISTS"
        ? issue(o, { ...state, phase: "owner" }, ctx)
        : { state, actions: [retryLater()] };
    case "owner":
      if (code === "NONODE") return issue(o, { ...state, phase: "join" }, ctx);
      if (code !== "OK") return { state, actions: [retryLater()] };
      // Not ours: the exists left a watch; its NodeDeleted sends us back to the create.
      return ephemeralOwnerOf(reply) === reply.session
        ? joined(o, state, ctx)
        : { state: { ...state, phase: "await" }, actions: [] };
    case "await":
    case "member":
    case "left":
      return { state, actions: [] };
  }
}

function joined(o: MemberOptions, state: MemberState, ctx: RecipeContext): Reaction<MemberState> {
  const leave = o.leaveAfterUs === null ? [] : [timer(LEAVE_TIMER, o.leaveAfterUs)];
  return {
    state: { ...state, phase: "member" },
    actions: [note("joined", { member: `m-${ctx.self}` }), ...leave],
  };
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
