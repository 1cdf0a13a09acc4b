// The sequential specification a history is checked against. Generic so that any object — a register,
// a queue, later ZooKeeper's znode tree — plugs into the same search.
import type { Json } from "../api/json.js";
import type { Operation } from "../history/operation.js";

export type OpKind = "inert" | "read" | "update";

/** A model's reading of one operation. `output` is undefined when the outcome is unknown (`info`). */
export interface ModelOp<I, O> {
  readonly input: I;
  readonly output: O | undefined;
  /**
   * - `inert`: the operation can neither fail nor change the state, in any state (an `info` read, a read
   *   whose result carries no information): it constrains nothing, so the checker leaves it out.
   * - `read`: in every state the operation either fails or leaves the state as it is. The search may
   *   then linearize it as soon as it can, without trying alternatives first.
   * - `update`: anything else.
   */
  readonly kind: OpKind;
}

/** Thrown by `Model.parse` for an operation the model cannot read; the caller adds file and line. */
export class ModelInputError extends Error {
  readonly code = "MODEL_INPUT" as const;
  readonly field: string;
  /** True when the fault is in the completion's value rather than the invoke's. */
  readonly inCompletion: boolean;
  constructor(field: string, message: string, inCompletion = false) {
    super(message);
    this.name = "ModelInputError";
    this.field = field;
    this.inCompletion = inCompletion;
  }
}

/**
 * Methods use method syntax on purpose: it lets a `Model<S, I, O>` be stored as an `AnyModel` in the
 * catalogue; the checker only ever passes a model values that the same model produced.
 */
export interface Model<S, I, O> {
  readonly name: string;
  /** The state of the object named `key` (undefined when the history has no keys) before any operation. */
  initialState(key: Json | undefined): S;
  /** Reads an operation of the history; throws ModelInputError naming the field when it cannot. */
  parse(operation: Operation): ModelOp<I, O>;
  /**
   * The states after applying the operation, none when the operation cannot happen in `state` with this
   * output, several for a nondeterministic model. When `output` is undefined the operation took effect
   * with an unknown result.
   */
  step(state: S, input: I, output: O | undefined): readonly S[];
  /** A canonical string: two states are equal iff their keys are. */
  stateKey(state: S): string;
  /**
   * Optional: a 32-bit hash consistent with `stateKey` (equal keys give equal hashes). When present the
   * checker finds equal states by this hash and compares keys only on a match, so a model whose keys are
   * long (a string that grows with every append) can keep an incremental hash in its state.
   */
  stateHash?(state: S): number;
  describeState(state: S): string;
  describeOp(input: I, output: O | undefined): string;
  /**
   * Optional, for a model that holds several independent objects (object-groups.ts): the objects each
   * operation reads (anything its outcome or effect depends on) and writes, by name; "everything" for
   * one that may touch any. Operations are grouped by their `key` field first, then split by these.
   */
  footprints?(inputs: readonly I[]): readonly Footprint[];
  /**
   * Optional, for models whose state only grows except under "reset" updates (kv: append grows, put
   * resets). `canGrowInto(state, output)` is false when no sequence of non-reset updates can take `state`
   * to one in which a read answers `output`; `canResetInto(input, output)` is the same for the state reset
   * `input` leaves, in whatever state it is applied. The search uses them to abandon an order early: when
   * no reset invoked before a read's return can lead to its answer, a state it cannot grow into is a dead
   * end.
   */
  readonly growth?: {
    isReset(input: I): boolean;
    canGrowInto(state: S, output: O): boolean;
    canResetInto(input: I, output: O): boolean;
  };
  /**
   * Optional, for models whose reads observe one value of the state (registers, kv): lets the checker
   * prove that a read's value can no longer come back, and so refute stale reads (observation-index.ts).
   * Values are canonical strings the model chooses.
   */
  readonly observation?: Observation<S, I, O>;
}

export interface Observation<S, I, O> {
  /**
   * The value an operation needs the state to hold when it takes effect, null for none; `output` is
   * undefined for an operation whose outcome is unknown.
   */
  requires(input: I, output: O | undefined): string | null;
  /** Whether the state holds the value. */
  holds(state: S, value: string): boolean;
  /**
   * For each value, the operations (indices into `inputs`) that may take a state not holding it to one
   * that holds it. May include more than those (fewer refutations), never fewer.
   */
  restorers(values: readonly string[], inputs: readonly I[]): readonly (readonly number[])[];
  /** True only when the update, in whatever state it takes effect, leaves one not holding the value. */
  overwrites(input: I, value: string): boolean;
  /** True only when the update leaves the same state in whatever state it takes effect (a reset). */
  resets(input: I): boolean;
  /**
   * The updates (indices into `inputs`) whose effect no operation can observe: from the state one leaves,
   * whatever the state before, the updates that are not resets lead to no state holding any of `values`,
   * and they succeed in any state. Such an update is followed by those updates and then a reset, or by
   * nothing. May name fewer.
   */
  unobserved(values: readonly string[], inputs: readonly I[]): readonly number[];
}

/** What an operation reads and writes of a model's objects (Model.footprints). */
export type Footprint =
  | { readonly reads: readonly string[]; readonly writes: readonly string[] }
  | "everything";

export type AnyModel = Model<unknown, unknown, unknown>;

export interface ModelFactory {
  readonly name: string;
  readonly description: string;
  /** Builds the model with the initial value given by `--init` (null when absent). */
  create(init: Json): AnyModel;
}
