// Naming (reference §7 "naming"): a PERSISTENT_SEQUENTIAL create under a directory gives a unique name.
// A create whose answer was lost may or may not have taken a name; the program does not claim it.

import type { Micros } from "../../../sim/api/index.js";
import { call, codeOf, isCurrent, joinPath, note, RETRY_TIMER, retryLater, timer } from "./kit.js";
import type { Reaction, RecipeProgram } from "./program.js";

export type NamingOptions = {
  readonly root: string;
  readonly count: number;
  readonly intervalUs: Micros;
};

export type NamingState = {
  readonly phase: "root" | "name" | "done";
  readonly gen: number;
  readonly named: number;
};

const NEXT_TIMER = "next-name";

export function namingProgram(options: NamingOptions): RecipeProgram<NamingState> {
  const root = (s: NamingState): Reaction<NamingState> => ({
    state: { ...s, phase: "root" },
    actions: [call(s.gen, "root", "create", { path: options.root })],
  });
  const name = (s: NamingState): Reaction<NamingState> => ({
    state: { ...s, phase: "name", gen: s.gen + 1 },
    actions: [
      call(s.gen + 1, "name", "create", {
        path: joinPath(options.root, "name-"),
        mode: "persistent_sequential",
      }),
    ],
  });
  return {
    recipe: "naming",
    init: () => ({ phase: "root", gen: 0, named: 0 }),
    react: (state, stimulus) => {
      if (stimulus.kind === "start") return root(state);
      if (stimulus.kind === "timer" && stimulus.timer === RETRY_TIMER && state.phase === "root") {
        return root(state);
      }
      if (stimulus.kind === "timer" && stimulus.timer === NEXT_TIMER) return name(state);
      if (stimulus.kind !== "reply" || !isCurrent(stimulus, state.gen))
        return { state, actions: [] };
      const code = codeOf(stimulus);
      if (state.phase === "root") {
        return code === "OK" || code === "NODEEXISTS"
          ? name(state)
          : { state, actions: [retryLater()] };
      }
      const named = code === "OK" ? state.named + 1 : state.named;
      const path = stimulus.value.path;
      const actions = code === "OK" ? [note("named", { name: String(path) })] : [];
      if (named >= options.count) return { state: { ...state, phase: "done", named }, actions };
      return {
        state: { ...state, named },
        actions: [...actions, timer(NEXT_TIMER, options.intervalUs)],
      };
    },
  };
}
