// The node that runs a recipe program next to the ZooKeeper client library. The program's calls go to the
// inner client as requests with internal ids (negative, so they never collide with the kernel's, which
// count up from 1); the client's replies to them are given to the program and never reach the kernel.
// Everything the client observes still reaches the kernel; session and watch events also reach the
// program. Messages and timers of the program travel beside the client's (reference §7).

import {
  assert,
  assertNever,
  type Effect,
  type Input,
  type NodeContext,
  type NodeProtocol,
  type Observation,
  type StepResult,
} from "../../../sim/api/index.js";
import {
  type ClientConfig,
  type ClientState,
  type KeeperState,
  zkClient,
} from "../client/index.js";
import { describeWireMessage, type WireMessage } from "../wire/index.js";
import type {
  Action,
  Fields,
  RecipeContext,
  RecipeProgram,
  ReplyStimulus,
  Stimulus,
} from "./program.js";
import { describeResourceMessage, isResourceMessage, type ResourceMessage } from "./resource.js";

export type HostMessage = WireMessage | ResourceMessage;

/** A program call waiting for its outcome. */
export type InternalCall = { readonly requestId: number; readonly tag: string; readonly f: string };

export type RecipeHostState<S> = {
  readonly client: ClientState;
  readonly program: S;
  /** The last internal request id handed out (-1, -2, ...). */
  readonly lastRequestId: number;
  readonly calls: readonly InternalCall[];
};

/** Program timers are kept apart from the client's (`zk-client/...`) by this prefix. */
export const PROGRAM_TIMER_PREFIX = "recipe/";
/** Stimuli one step may process before the program is declared to loop. */
const STIMULI_PER_STEP_MAX = 10_000;

type Out = Effect<HostMessage>[];
type Work<S> = {
  readonly program: RecipeProgram<S>;
  readonly client: NodeProtocol<ClientState, WireMessage>;
  readonly ctx: NodeContext;
  readonly out: Out;
  readonly queue: Stimulus[];
};

export function recipeNode<S>(
  config: ClientConfig,
  program: RecipeProgram<S>,
): NodeProtocol<RecipeHostState<S>, HostMessage> {
  const client = zkClient(config);
  return {
    name: `recipe-${program.recipe}`,
    init: (ctx) => {
      const work: Work<S> = { program, client, ctx, out: [], queue: [{ kind: "start" }] };
      const started = client.init(ctx);
      let state: RecipeHostState<S> = {
        client: started.state,
        program: program.init(recipeContext(ctx)),
        lastRequestId: 0,
        calls: [],
      };
      state = absorb(work, state, started.effects);
      return { state: drain(work, state), effects: work.out };
    },
    step: (state, input, ctx) =>
      stepHost({ program, client, ctx, out: [], queue: [] }, state, input),
    describeMessage: (msg) =>
      isResourceMessage(msg) ? describeResourceMessage(msg) : describeWireMessage(msg),
  };
}

function stepHost<S>(
  work: Work<S>,
  state: RecipeHostState<S>,
  input: Input<HostMessage>,
): StepResult<RecipeHostState<S>, HostMessage> {
  let next = state;
  if (input.kind === "message" && isResourceMessage(input.msg)) {
    work.queue.push({ kind: "message", from: input.from, msg: input.msg });
  } else if (input.kind === "timer" && input.timer.startsWith(PROGRAM_TIMER_PREFIX)) {
    work.queue.push({ kind: "timer", timer: input.timer.slice(PROGRAM_TIMER_PREFIX.length) });
  } else {
    next = feedClient(work, next, input as Input<WireMessage>);
  }
  return { state: drain(work, next), effects: work.out };
}

function recipeContext(ctx: NodeContext): RecipeContext {
  return { self: ctx.self, nowUs: ctx.nowUs };
}

function feedClient<S>(
  work: Work<S>,
  state: RecipeHostState<S>,
  input: Input<WireMessage>,
): RecipeHostState<S> {
  const result = work.client.step(state.client, input, work.ctx);
  return absorb(work, { ...state, client: result.state }, result.effects);
}

/** Sorts the inner client's effects: internal replies go to the program, the rest to the kernel. */
function absorb<S>(
  work: Work<S>,
  state: RecipeHostState<S>,
  effects: readonly Effect<WireMessage>[],
): RecipeHostState<S> {
  let next = state;
  for (const effect of effects) {
    if (effect.kind === "reply" && effect.requestId < 0) {
      const call = next.calls.find((c) => c.requestId === effect.requestId);
      assert(call !== undefined, () => `reply to unknown internal request ${effect.requestId}`);
      next = { ...next, calls: next.calls.filter((c) => c !== call) };
      const stimulus: ReplyStimulus = {
        kind: "reply",
        tag: call.tag,
        f: call.f,
        type: effect.type,
        value: asFields(effect.value),
        zxid: typeof effect.fields?.zxid === "number" ? effect.fields.zxid : null,
        session: typeof effect.fields?.session === "number" ? effect.fields.session : 0,
      };
      observe(work, { kind: "recipe-reply", ...replyRecord(work, stimulus) });
      work.queue.push(stimulus);
      continue;
    }
    work.out.push(effect);
    if (effect.kind === "observe") {
      const stimulus = stimulusOf(effect.observation);
      if (stimulus !== null) work.queue.push(stimulus);
    }
  }
  return next;
}

function replyRecord<S>(work: Work<S>, reply: ReplyStimulus): Fields {
  return {
    recipe: work.program.recipe,
    client: work.ctx.self,
    tag: reply.tag,
    f: reply.f,
    type: reply.type,
    value: reply.value,
    zxid: reply.zxid,
    session: reply.session,
  };
}

function asFields(value: unknown): Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Fields)
    : { value: value as Fields[string] };
}

function stimulusOf(observation: Observation): Stimulus | null {
  if (observation.kind === "session-event") {
    return {
      kind: "session",
      state: observation.state as KeeperState,
      session: Number(observation.session),
    };
  }
  if (observation.kind === "watch-event") {
    return {
      kind: "watch",
      type: String(observation.type),
      path: String(observation.path),
      zxid: Number(observation.zxid),
    };
  }
  return null;
}

/** Feeds queued stimuli to the program, in order, performing each reaction's actions. */
function drain<S>(work: Work<S>, state: RecipeHostState<S>): RecipeHostState<S> {
  let next = state;
  for (let count = 0; work.queue.length > 0; count++) {
    assert(count < STIMULI_PER_STEP_MAX, () => `${work.program.recipe} program loops`);
    const stimulus = work.queue.shift() as Stimulus;
    const reaction = work.program.react(next.program, stimulus, recipeContext(work.ctx));
    next = { ...next, program: reaction.state };
    for (const action of reaction.actions) next = perform(work, next, action);
  }
  return next;
}

function perform<S>(work: Work<S>, state: RecipeHostState<S>, action: Action): RecipeHostState<S> {
  switch (action.kind) {
    case "call": {
      const requestId = state.lastRequestId - 1;
      const call: InternalCall = { requestId, tag: action.tag, f: action.f };
      const { recipe } = work.program;
      observe(work, {
        kind: "recipe-call",
        recipe,
        client: work.ctx.self,
        tag: action.tag,
        f: action.f,
        value: action.value,
      });
      const next = { ...state, lastRequestId: requestId, calls: [...state.calls, call] };
      return feedClient(work, next, {
        kind: "request",
        request: { requestId, f: action.f, value: action.value },
      });
    }
    case "note":
      observe(work, {
        ...action.fields,
        kind: "recipe",
        recipe: work.program.recipe,
        client: work.ctx.self,
        event: action.event,
      });
      return state;
    case "set-timer":
      work.out.push({
        kind: "set-timer",
        timer: `${PROGRAM_TIMER_PREFIX}${action.timer}`,
        afterUs: action.afterUs,
      });
      return state;
    case "send":
      work.out.push({ kind: "send", to: action.to, msg: action.msg });
      return state;
    default:
      return assertNever(action, "recipe action");
  }
}

function observe<S>(work: Work<S>, observation: Observation): void {
  work.out.push({ kind: "observe", observation });
}
