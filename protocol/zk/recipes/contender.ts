// The part the lock, the shared lock and leader election have in common (reference §7): create an
// EPHEMERAL_SEQUENTIAL node whose name embeds a GUID, find it again by that GUID when the create's answer
// is lost, list the children, and either hold or watch the one node that blocks us (never the whole
// directory: no herd effect). Expiry of the session is an implicit release.

import type { NodeId } from "../../../sim/api/index.js";
import {
  baseName,
  bySequence,
  call,
  childrenOf,
  codeOf,
  createdPath,
  czxidOf,
  isAnswered,
  isCurrent,
  joinPath,
  RETRY_TIMER,
  retryLater,
  stepOf,
} from "./kit.js";
import type { Action, RecipeContext, ReplyStimulus, Stimulus } from "./program.js";

export type ContenderOptions = {
  /** The directory of the contenders' nodes, created (persistent) if missing. */
  readonly root: string;
  /** The name's kind before the sequence suffix, e.g. `lock-`, `read-`, `n_`. */
  readonly kind: string;
  /** The child to wait for, given our name and all children in sequence order; null: we hold. */
  readonly blocker: (mine: string, children: readonly string[]) => string | null;
};

export const contenderPhases = [
  "idle",
  "root",
  "create",
  "find",
  "stat",
  "list",
  "watch",
  "holding",
  "release",
] as const;
export type ContenderPhase = (typeof contenderPhases)[number];

export type ContenderState = {
  readonly phase: ContenderPhase;
  /** Bumped at every new attempt; outcomes of older calls are ignored. */
  readonly gen: number;
  /** When this program instance started: with the node id, it makes the GUID unique across restarts. */
  readonly incarnationUs: number;
  readonly node: string | null;
  readonly czxid: number;
  readonly predecessor: string | null;
  readonly retrying: boolean;
};

/** What the owner learns: it holds (`acquired`), it let go (`released`), or the session expired (`lost`). */
export type ContenderEvent = {
  readonly kind: "acquired" | "released" | "lost";
  readonly node: string;
  readonly czxid: number;
};

export type ContenderReaction = {
  readonly state: ContenderState;
  readonly actions: readonly Action[];
  readonly event: ContenderEvent | null;
};

export function contenderInit(ctx: RecipeContext): ContenderState {
  return {
    phase: "idle",
    gen: 0,
    incarnationUs: ctx.nowUs,
    node: null,
    czxid: 0,
    predecessor: null,
    retrying: false,
  };
}

/** The name prefix carrying our GUID: `<client>-<incarnation>-<gen>-<kind>`. */
export function guidOf(state: ContenderState, self: NodeId, kind: string): string {
  return `${self}-${state.incarnationUs}-${state.gen}-${kind}`;
}

/** Starts a new attempt to hold. */
export function contend(o: ContenderOptions, s: ContenderState, ctx: RecipeContext): Reaction {
  return enter(o, { ...s, gen: s.gen + 1, node: null, czxid: 0, predecessor: null }, "root", ctx);
}

/** Lets go: deletes our node (the owner stops acting as holder before calling this). */
export function release(o: ContenderOptions, s: ContenderState, ctx: RecipeContext): Reaction {
  return enter(o, s, "release", ctx);
}

type Reaction = ContenderReaction;

function enter(
  o: ContenderOptions,
  s: ContenderState,
  phase: ContenderPhase,
  ctx: RecipeContext,
  event: ContenderEvent | null = null,
): Reaction {
  const state: ContenderState = { ...s, phase, retrying: false };
  const g = state.gen;
  const node = state.node ?? "/";
  const actions: Action[] = [];
  switch (phase) {
    case "root":
      actions.push(call(g, phase, "create", { path: o.root, mode: "persistent" }));
      break;
    case "create": {
      const path = joinPath(o.root, guidOf(state, ctx.self, o.kind));
      actions.push(call(g, phase, "create", { path, mode: "ephemeral_sequential" }));
      break;
    }
    case "find":
    case "list":
      actions.push(call(g, phase, "getChildren", { path: o.root }));
      break;
    case "stat":
      actions.push(call(g, phase, "exists", { path: node }));
      break;
    case "watch":
      actions.push(
        call(g, phase, "exists", { path: joinPath(o.root, state.predecessor ?? ""), watch: true }),
      );
      break;
    case "release":
      actions.push(call(g, phase, "delete", { path: node }));
      break;
    case "idle":
    case "holding":
      break;
  }
  return { state, actions, event };
}

export function contenderReact(
  o: ContenderOptions,
  s: ContenderState,
  stimulus: Stimulus,
  ctx: RecipeContext,
): Reaction {
  const none: Reaction = { state: s, actions: [], event: null };
  switch (stimulus.kind) {
    case "reply":
      if (!isCurrent(stimulus, s.gen) || stepOf(stimulus) !== s.phase) return none;
      return onReply(o, s, stimulus, ctx);
    case "watch": {
      const watched = s.predecessor === null ? null : joinPath(o.root, s.predecessor);
      return s.phase === "watch" && stimulus.path === watched ? enter(o, s, "list", ctx) : none;
    }
    case "session":
      return stimulus.state === "Expired" ? onExpired(o, s, ctx) : none;
    case "timer":
      if (stimulus.timer !== RETRY_TIMER || !s.retrying) return none;
      return enter(o, s, s.phase, ctx);
    case "start":
    case "message":
      return none;
  }
}

function onExpired(o: ContenderOptions, s: ContenderState, ctx: RecipeContext): Reaction {
  const held = { node: s.node ?? "", czxid: s.czxid };
  const gone: ContenderState = { ...s, gen: s.gen + 1, node: null, predecessor: null };
  if (s.phase === "idle") return { state: gone, actions: [], event: null };
  if (s.phase === "holding") return enter(o, gone, "idle", ctx, { kind: "lost", ...held });
  if (s.phase === "release") return enter(o, gone, "idle", ctx, { kind: "released", ...held });
  return contend(o, s, ctx);
}

function onReply(
  o: ContenderOptions,
  s: ContenderState,
  reply: ReplyStimulus,
  ctx: RecipeContext,
): Reaction {
  if (!isAnswered(reply)) {
    // A create whose answer was lost may have created our node: look for it by its GUID.
    if (s.phase === "create" && reply.type === "info") return enter(o, s, "find", ctx);
    return { state: { ...s, retrying: true }, actions: [retryLater()], event: null };
  }
  const code = codeOf(reply);
  switch (s.phase) {
    case "root":
      return code === "OK" || code === "NODEEXISTS" ? enter(o, s, "create", ctx) : retry(s);
    case "create":
      return onCreated(o, s, reply, code, ctx);
    case "find":
      return onFound(o, s, reply, code, ctx);
    case "stat":
      if (code === "NONODE") return contend(o, s, ctx);
      return code === "OK" ? enter(o, { ...s, czxid: czxidOf(reply) ?? 0 }, "list", ctx) : retry(s);
    case "list":
      return code === "OK" ? onListed(o, s, reply, ctx) : retry(s);
    case "watch":
      if (code === "NONODE") return enter(o, s, "list", ctx);
      return code === "OK" ? { state: s, actions: [], event: null } : retry(s);
    case "release": {
      if (code !== "OK" && code !== "NONODE") return retry(s);
      const released: ContenderEvent = { kind: "released", node: s.node ?? "", czxid: s.czxid };
      return enter(o, { ...s, node: null }, "idle", ctx, released);
    }
    case "idle":
    case "holding":
      return { state: s, actions: [], event: null };
  }
}

function retry(s: ContenderState): Reaction {
  return { state: { ...s, retrying: true }, actions: [retryLater()], event: null };
}

function onCreated(
  o: ContenderOptions,
  s: ContenderState,
  reply: ReplyStimulus,
  code: string,
  ctx: RecipeContext,
): Reaction {
  const path = createdPath(reply);
  if (code === "NONODE") return enter(o, s, "root", ctx);
  if (code !== "OK" || path === null) return retry(s);
  return enter(o, { ...s, node: path, czxid: czxidOf(reply) ?? 0 }, "list", ctx);
}

function onFound(
  o: ContenderOptions,
  s: ContenderState,
  reply: ReplyStimulus,
  code: string,
  ctx: RecipeContext,
): Reaction {
  if (code !== "OK") return code === "NONODE" ? enter(o, s, "root", ctx) : retry(s);
  const guid = guidOf(s, ctx.self, o.kind);
  const mine = childrenOf(reply).find((child) => child.startsWith(guid));
  if (mine === undefined) return enter(o, s, "create", ctx);
  return enter(o, { ...s, node: joinPath(o.root, mine) }, "stat", ctx);
}

function onListed(
  o: ContenderOptions,
  s: ContenderState,
  reply: ReplyStimulus,
  ctx: RecipeContext,
): Reaction {
  const children = bySequence(childrenOf(reply));
  const mine = baseName(s.node ?? "");
  // Our node is gone: the session that owned it expired (we learn of that later), or it was never ours.
  if (!children.includes(mine)) return contend(o, s, ctx);
  const blocker = o.blocker(mine, children);
  if (blocker === null) {
    const acquired: ContenderEvent = { kind: "acquired", node: s.node ?? "", czxid: s.czxid };
    return enter(o, { ...s, predecessor: null }, "holding", ctx, acquired);
  }
  return enter(o, { ...s, predecessor: blocker }, "watch", ctx);
}

/** The exclusive lock's and the election's rule: wait for the next lower node, whatever its kind. */
export function nextLower(mine: string, children: readonly string[]): string | null {
  const index = children.indexOf(mine);
  return index > 0 ? (children[index - 1] ?? null) : null;
}
