// A recipe is a client program: a pure reactive state machine that turns stimuli (its own calls' outcomes,
// watch and session events, timers, messages from a resource) into actions (calls on the ZooKeeper handle,
// notes for the property checkers, timers, messages). `recipeNode` hosts it next to the client library.

import type { Json, Micros, NodeId, ReplyType } from "../../../sim/api/index.js";
import type { KeeperState } from "../client/index.js";
import type { ResourceMessage } from "./resource.js";

export type Fields = { readonly [key: string]: Json };

/**
 * What a program is told, one stimulus per `react`.
 * - `start`: the node started (or restarted after a crash, with a fresh handle and a fresh program state).
 * - `reply`: the outcome of one of the program's own calls, named by the tag it gave: `ok` (the server
 *   answered; `value.error` holds the code unless OK), `fail` (never sent), `info` (sent, no answer).
 * - `watch`: a watcher event the handle received (zxid -1 when synthesized by setWatches on reconnect).
 * - `session`: a session event (SyncConnected, Disconnected, Expired, ...). Expired is only learned on
 *   reconnect; with `renewExpiredSession` the handle then starts a new session by itself.
 * - `timer`: a timer the program set.
 * - `message`: a message from another node, e.g. a resource's answer.
 */
export type Stimulus =
  | { readonly kind: "start" }
  | {
      readonly kind: "reply";
      readonly tag: string;
      readonly f: string;
      readonly type: ReplyType;
      readonly value: Fields;
      /** The reply header's zxid for `ok` (a write's own zxid, a read's serving state); null otherwise. */
      readonly zxid: number | null;
      readonly session: number;
    }
  | { readonly kind: "watch"; readonly type: string; readonly path: string; readonly zxid: number }
  | { readonly kind: "session"; readonly state: KeeperState; readonly session: number }
  | { readonly kind: "timer"; readonly timer: string }
  | { readonly kind: "message"; readonly from: NodeId; readonly msg: ResourceMessage };

export type ReplyStimulus = Extract<Stimulus, { readonly kind: "reply" }>;

/**
 * What a program asks for, performed in order after `react` returns.
 * - `call`: any call of the client library (`f` and `value` as a workload request, see client/decode.ts);
 *   its outcome comes back as a `reply` stimulus with the same tag, after this reaction's other actions.
 * - `note`: an observation for the property checkers, recorded as `{kind: "recipe", recipe, client, event}`.
 * - `set-timer`: (re-)arms the program's timer of that name.
 * - `send`: a message to another node (a resource).
 */
export type Action =
  | { readonly kind: "call"; readonly tag: string; readonly f: string; readonly value: Json }
  | { readonly kind: "note"; readonly event: string; readonly fields: Fields }
  | { readonly kind: "set-timer"; readonly timer: string; readonly afterUs: Micros }
  | { readonly kind: "send"; readonly to: NodeId; readonly msg: ResourceMessage };

export type RecipeContext = { readonly self: NodeId; readonly nowUs: Micros };

export type Reaction<S> = { readonly state: S; readonly actions: readonly Action[] };

/** A recipe program. State is plain data; `react` is pure and must not mutate the state it is given. */
export interface RecipeProgram<S> {
  /** The recipe's name, recorded in every note (`lock`, `election`, ...). */
  readonly recipe: string;
  init(ctx: RecipeContext): S;
  react(state: S, stimulus: Stimulus, ctx: RecipeContext): Reaction<S>;
}
