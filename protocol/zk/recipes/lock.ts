// The exclusive lock (reference §7 "Lock"): hold while our EPHEMERAL_SEQUENTIAL node is the lowest, watch
// the next lower node otherwise, release by deleting it. While holding, the holder writes to a protected
// resource, waiting for each write's answer, with the lock node's czxid as the fencing token. The holder
// is naive on purpose: it goes on writing while Disconnected and stops only when it learns of the
// expiry, which is the hazard the fencing token exists for.

import type { Micros, NodeId } from "../../../sim/api/index.js";
import {
  type ContenderEvent,
  type ContenderOptions,
  type ContenderReaction,
  type ContenderState,
  contend,
  contenderInit,
  contenderReact,
  nextLower,
  release,
} from "./contender.js";
import { note, timer } from "./kit.js";
import type { Action, Reaction, RecipeContext, RecipeProgram, Stimulus } from "./program.js";
import type { ResourceAck } from "./resource.js";

export type LockOptions = {
  readonly root: string;
  /** The resource written while holding; null: the holder only waits. */
  readonly resource: NodeId | null;
  /** Writes (or waits) per lock section. */
  readonly writes: number;
  readonly writeIntervalUs: Micros;
  /** A write not answered by then is sent again. */
  readonly ackTimeoutUs: Micros;
  /** Acquisitions before the program stops. */
  readonly rounds: number;
  /** The wait between a release and the next attempt (also before the first). */
  readonly restUs: Micros;
};

export type LockPhase = "resting" | "contending" | "holding" | "releasing" | "done";

export type LockState = {
  readonly phase: LockPhase;
  readonly contender: ContenderState;
  readonly round: number;
  /** The lock node and its czxid (the fencing token) of the current section. */
  readonly section: { readonly path: string; readonly czxid: number } | null;
  /** Writes the resource answered in this section (or waits done without a resource). */
  readonly written: number;
  /** A write was sent and its answer has not come. */
  readonly awaiting: boolean;
};

const NEXT_TIMER = "next-round";

export function lockProgram(options: LockOptions): RecipeProgram<LockState> {
  const contender: ContenderOptions = { root: options.root, kind: "lock-", blocker: nextLower };
  return {
    recipe: "lock",
    init: (ctx) => ({
      phase: "resting",
      contender: contenderInit(ctx),
      round: 0,
      section: null,
      written: 0,
      awaiting: false,
    }),
    react: (state, stimulus, ctx) => {
      if (stimulus.kind === "start") return { state, actions: [timer(NEXT_TIMER, options.restUs)] };
      if (stimulus.kind === "timer" && stimulus.timer === NEXT_TIMER && state.phase === "resting") {
        return fromContender(options, state, contend(contender, state.contender, ctx), ctx);
      }
      const own = holderReact(options, contender, state, stimulus, ctx);
      if (own !== null) return own;
      return fromContender(
        options,
        state,
        contenderReact(contender, state.contender, stimulus, ctx),
        ctx,
      );
    },
  };
}

function fromContender(
  options: LockOptions,
  state: LockState,
  reaction: ContenderReaction,
  ctx: RecipeContext,
): Reaction<LockState> {
  const next: LockState = {
    ...state,
    contender: reaction.state,
    phase:
      state.phase === "resting" && reaction.state.phase !== "idle" ? "contending" : state.phase,
  };
  if (reaction.event === null) return { state: next, actions: reaction.actions };
  const more = onEvent(options, next, reaction.event, ctx);
  return { state: more.state, actions: [...reaction.actions, ...more.actions] };
}

function onEvent(
  options: LockOptions,
  state: LockState,
  event: ContenderEvent,
  _ctx: RecipeContext,
): Reaction<LockState> {
  const section = { path: event.node, czxid: event.czxid };
  const fields = { lockPath: event.node, czxid: event.czxid };
  switch (event.kind) {
    case "acquired": {
      const holding: LockState = {
        ...state,
        phase: "holding",
        section,
        written: 0,
        awaiting: false,
      };
      return {
        state: holding,
        actions: [note("acquired", fields), ...nextWrite(options, holding)],
      };
    }
    case "lost":
    case "released": {
      const round = state.round + 1;
      const done = round >= options.rounds;
      const actions: Action[] = event.kind === "lost" ? [note("lost", fields)] : [];
      if (!done) actions.push(timer(NEXT_TIMER, options.restUs));
      const phase: LockPhase = done ? "done" : "resting";
      const next: LockState = {
        ...state,
        phase,
        round,
        section: null,
        written: 0,
        awaiting: false,
      };
      return { state: next, actions };
    }
  }
}

/** The holder's own stimuli: write timers and the resource's answers. Null: not the holder's. */
function holderReact(
  options: LockOptions,
  contender: ContenderOptions,
  state: LockState,
  stimulus: Stimulus,
  ctx: RecipeContext,
): Reaction<LockState> | null {
  const section = state.section;
  if (state.phase !== "holding" || section === null) return null;
  if (stimulus.kind === "timer" && stimulus.timer === writeTimer(section.czxid)) {
    if (options.resource === null) {
      const next = { ...state, written: state.written + 1 };
      return next.written >= options.writes
        ? releaseLock(contender, next, ctx)
        : { state: next, actions: nextWrite(options, next) };
    }
    const actions = sendWrite(options.resource, state, section, options);
    return { state: { ...state, awaiting: true }, actions };
  }
  if (stimulus.kind === "timer" && stimulus.timer === ackTimer(section.czxid) && state.awaiting) {
    return { state, actions: sendWrite(options.resource, state, section, options) };
  }
  if (stimulus.kind === "message" && stimulus.msg.type === "resource-ack") {
    return onAck(options, contender, state, stimulus.msg, ctx);
  }
  return null;
}

function onAck(
  options: LockOptions,
  contender: ContenderOptions,
  state: LockState,
  ack: ResourceAck,
  ctx: RecipeContext,
): Reaction<LockState> {
  const section = state.section;
  if (
    section === null ||
    !state.awaiting ||
    ack.seq !== state.written + 1 ||
    ack.token !== section.czxid
  ) {
    return { state, actions: [] };
  }
  if (!ack.accepted) {
    const fenced = releaseLock(contender, state, ctx);
    const why = note("fenced", { lockPath: section.path, czxid: section.czxid });
    return { state: fenced.state, actions: [why, ...fenced.actions] };
  }
  const next = { ...state, written: state.written + 1, awaiting: false };
  if (next.written >= options.writes) return releaseLock(contender, next, ctx);
  return { state: next, actions: nextWrite(options, next) };
}

/** The holder stops acting as holder (the note) before its node is deleted. */
function releaseLock(
  contender: ContenderOptions,
  state: LockState,
  ctx: RecipeContext,
): Reaction<LockState> {
  const section = state.section;
  const released = release(contender, state.contender, ctx);
  const fields = { lockPath: section?.path ?? "", czxid: section?.czxid ?? 0 };
  return {
    state: { ...state, phase: "releasing", contender: released.state, awaiting: false },
    actions: [note("released", fields), ...released.actions],
  };
}

function nextWrite(options: LockOptions, state: LockState): readonly Action[] {
  const czxid = state.section?.czxid ?? 0;
  return [timer(writeTimer(czxid), options.writeIntervalUs)];
}

function sendWrite(
  resource: NodeId | null,
  state: LockState,
  section: { readonly path: string; readonly czxid: number },
  options: LockOptions,
): readonly Action[] {
  if (resource === null) return [];
  return [
    {
      kind: "send",
      to: resource,
      msg: {
        type: "resource-write",
        lockPath: section.path,
        token: section.czxid,
        seq: state.written + 1,
      },
    },
    timer(ackTimer(section.czxid), options.ackTimeoutUs),
  ];
}

function writeTimer(czxid: number): string {
  return `write-${czxid}`;
}

function ackTimer(czxid: number): string {
  return `ack-${czxid}`;
}
