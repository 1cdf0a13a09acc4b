// A contender that holds for a while and lets go, round after round: the shape of leader election (lead
// for a term, then resign) and of the shared lock (hold, then release). The note of letting go comes
// before the delete, so a correct run never shows two overlapping holders.

import type { Micros } from "../../../sim/api/index.js";
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
import type { Action, Fields, Reaction, RecipeProgram } from "./program.js";

export type HoldOptions = {
  readonly recipe: string;
  readonly contender: ContenderOptions;
  readonly holdUs: Micros;
  readonly rounds: number;
  /** The wait before each attempt. */
  readonly restUs: Micros;
  /** The note names for taking hold, letting go and losing hold by session expiry. */
  readonly notes: { readonly acquired: string; readonly released: string; readonly lost: string };
  /** Extra note fields naming the section. */
  readonly fields: (event: ContenderEvent) => Fields;
};

export type HoldState = {
  readonly phase: "resting" | "contending" | "holding" | "releasing" | "done";
  readonly contender: ContenderState;
  readonly round: number;
  readonly held: ContenderEvent | null;
};

const NEXT_TIMER = "next-round";

export function holdProgram(options: HoldOptions): RecipeProgram<HoldState> {
  const c = options.contender;
  return {
    recipe: options.recipe,
    init: (ctx) => ({ phase: "resting", contender: contenderInit(ctx), round: 0, held: null }),
    react: (state, stimulus, ctx) => {
      if (stimulus.kind === "start") return { state, actions: [timer(NEXT_TIMER, options.restUs)] };
      if (stimulus.kind === "timer" && stimulus.timer === NEXT_TIMER && state.phase === "resting") {
        const started = contend(c, state.contender, ctx);
        return absorb(options, { ...state, phase: "contending" }, started);
      }
      const held = state.held;
      if (
        stimulus.kind === "timer" &&
        state.phase === "holding" &&
        held !== null &&
        stimulus.timer === holdTimer(held)
      ) {
        const released = release(c, state.contender, ctx);
        const next: HoldState = { ...state, phase: "releasing", contender: released.state };
        const letGo = note(options.notes.released, options.fields(held));
        return { state: next, actions: [letGo, ...released.actions] };
      }
      return absorb(options, state, contenderReact(c, state.contender, stimulus, ctx));
    },
  };
}

function absorb(
  options: HoldOptions,
  state: HoldState,
  reaction: ContenderReaction,
): Reaction<HoldState> {
  const next: HoldState = { ...state, contender: reaction.state };
  const event = reaction.event;
  if (event === null) return { state: next, actions: reaction.actions };
  const actions: Action[] = [...reaction.actions];
  if (event.kind === "acquired") {
    actions.push(note(options.notes.acquired, options.fields(event)));
    actions.push(timer(holdTimer(event), options.holdUs));
    return { state: { ...next, phase: "holding", held: event }, actions };
  }
  if (event.kind === "lost") actions.push(note(options.notes.lost, options.fields(event)));
  const round = state.round + 1;
  if (round >= options.rounds) {
    return { state: { ...next, phase: "done", round, held: null }, actions };
  }
  actions.push(timer(NEXT_TIMER, options.restUs));
  return { state: { ...next, phase: "resting", round, held: null }, actions };
}

function holdTimer(event: ContenderEvent): string {
  return `hold-${event.czxid}`;
}

/** Reference §7 "Leader election": the lowest node leads; a term is its czxid. */
export function electionProgram(options: {
  readonly root: string;
  readonly termUs: Micros;
  readonly rounds: number;
  readonly restUs: Micros;
}): RecipeProgram<HoldState> {
  return holdProgram({
    recipe: "election",
    contender: { root: options.root, kind: "n_", blocker: nextLower },
    holdUs: options.termUs,
    rounds: options.rounds,
    restUs: options.restUs,
    notes: { acquired: "elected", released: "resigned", lost: "lost" },
    fields: (event) => ({ term: event.czxid, node: event.node }),
  });
}

/**
 * Reference §7 "Shared lock": a reader waits for the next lower `write-` node only; a writer waits for the
 * next lower node of any kind.
 */
export function rwLockProgram(options: {
  readonly root: string;
  readonly mode: "read" | "write";
  readonly holdUs: Micros;
  readonly rounds: number;
  readonly restUs: Micros;
}): RecipeProgram<HoldState> {
  const mode = options.mode;
  return holdProgram({
    recipe: "rw-lock",
    contender: {
      root: options.root,
      kind: `${mode}-`,
      blocker: mode === "read" ? lowerWriter : nextLower,
    },
    holdUs: options.holdUs,
    rounds: options.rounds,
    restUs: options.restUs,
    notes: { acquired: "acquired", released: "released", lost: "lost" },
    fields: (event) => ({ mode, lockPath: event.node, czxid: event.czxid }),
  });
}

/** The highest `write-` node below ours, or null. Names end in `<kind><10 digits>`. */
export function lowerWriter(mine: string, children: readonly string[]): string | null {
  const below = children.slice(0, Math.max(0, children.indexOf(mine)));
  const writers = below.filter((name) => name.slice(0, -10).endsWith("write-"));
  return writers.at(-1) ?? null;
}
