// Model states as small integers. The search only ever compares and stores state ids; the model is
// consulted once per (state, operation) pair and the answer is memoized.
//
// A state id stands for a set of model states, so a nondeterministic model (several possible next states)
// is searched like a deterministic one over sets of states, as Porcupine does. For a deterministic model
// every set has one member.
import type { AnyModel, ModelOp, Observation } from "./model.js";

const MEMO_WAYS = 8;

export class StateSpace {
  private readonly members: (readonly unknown[])[] = [];
  private readonly ids = new Map<string, number>();
  /** With a model hash: the newest state id per hash bucket, and for each id the previous one. */
  private readonly byHash = new Map<number, number>();
  private readonly sameHash: number[] = [];
  /**
   * A small direct-mapped memo of transitions, MEMO_WAYS entries per operation indexed by the low bits
   * of the state id: searches retry an operation in the same few states again and again. A full map of
   * all transitions costs more than it saves when most states are new (appends to a string).
   */
  private readonly memoFrom: Int32Array;
  private readonly memoTo: Int32Array;
  readonly initial: number;

  constructor(
    private readonly model: AnyModel,
    private readonly ops: readonly ModelOp<unknown, unknown>[],
    initialState: unknown,
  ) {
    this.memoFrom = new Int32Array(ops.length * MEMO_WAYS).fill(-1);
    this.memoTo = new Int32Array(ops.length * MEMO_WAYS);
    this.initial = this.internOne(initialState);
  }

  /** The state after `op` in state `from`, or -1 when the operation cannot happen there. */
  next(from: number, op: number): number {
    const slot = op * MEMO_WAYS + (from & (MEMO_WAYS - 1));
    if (this.memoFrom[slot] === from) return this.memoTo[slot] ?? -1;
    const to = this.compute(from, op);
    this.memoFrom[slot] = from;
    this.memoTo[slot] = to;
    return to;
  }

  /** Whether the model declares growth (see `Model.growth`): only then are the two methods below useful. */
  get hasGrowth(): boolean {
    return this.model.growth !== undefined;
  }

  /** True when `op` is an update that resets the state (a put), so no growth constraint spans it. */
  isReset(op: number): boolean {
    const parsed = this.ops[op];
    return (
      parsed === undefined ||
      this.model.growth === undefined ||
      this.model.growth.isReset(parsed.input)
    );
  }

  /**
   * False only when every member of `state` provably cannot grow into a state in which read `op` answers
   * its recorded output. Unknown outputs and models without growth never prune.
   */
  canGrowInto(state: number, op: number): boolean {
    const growth = this.model.growth;
    const parsed = this.ops[op];
    const members = this.members[state];
    if (growth === undefined || parsed === undefined || members === undefined) return true;
    if (parsed.output === undefined) return true;
    return members.some((member) => growth.canGrowInto(member, parsed.output));
  }

  /** False only when the state reset `resetOp` leaves provably cannot grow into read `readOp`'s answer. */
  canResetInto(resetOp: number, readOp: number): boolean {
    const growth = this.model.growth;
    const reset = this.ops[resetOp];
    const read = this.ops[readOp];
    if (growth === undefined || reset === undefined || read?.output === undefined) return true;
    return growth.canResetInto(reset.input, read.output);
  }

  /** Whether some member of `state` holds `value` (see Model.observation). */
  holds(
    state: number,
    observation: Observation<unknown, unknown, unknown>,
    value: string,
  ): boolean {
    const members = this.members[state];
    return members?.some((member) => observation.holds(member, value)) ?? false;
  }

  describe(state: number): string {
    const members = this.members[state] ?? [];
    const texts = members.map((member) => this.model.describeState(member));
    return texts.length === 1 ? (texts[0] ?? "") : `one of {${texts.join(" | ")}}`;
  }

  get size(): number {
    return this.members.length;
  }

  private compute(from: number, op: number): number {
    const parsed = this.ops[op];
    const members = this.members[from];
    if (parsed === undefined || members === undefined) return -1;
    const only = members.length === 1 ? members[0] : undefined;
    if (only !== undefined) {
      // The common case of a deterministic model: one state in, at most one out, no set to build.
      const after = this.model.step(only, parsed.input, parsed.output);
      if (after.length === 0) return -1;
      if (after.length === 1) return this.internOne(after[0]);
      return this.intern(after);
    }
    const next: unknown[] = [];
    for (const member of members) {
      for (const after of this.model.step(member, parsed.input, parsed.output)) next.push(after);
    }
    return next.length === 0 ? -1 : this.intern(next);
  }

  private internOne(state: unknown): number {
    if (this.model.stateHash !== undefined)
      return this.internHashed(state, this.model.stateHash(state));
    const key = this.model.stateKey(state);
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.members.length;
    this.members.push([state]);
    this.ids.set(key, id);
    return id;
  }

  /** Interning by the model's own hash; keys are compared only between states with equal hashes. */
  private internHashed(state: unknown, hash: number): number {
    // Small integers stay unboxed in a Map's keys.
    const bucket = hash & 0x3fffffff;
    const first = this.byHash.get(bucket);
    let key: string | undefined;
    for (let id = first ?? -1; id >= 0; id = this.sameHash[id] ?? -1) {
      key ??= this.model.stateKey(state);
      if (this.model.stateKey(this.members[id]?.[0]) === key) return id;
    }
    const id = this.members.length;
    this.members.push([state]);
    this.sameHash.push(first ?? -1);
    this.byHash.set(bucket, id);
    return id;
  }

  private intern(states: readonly unknown[]): number {
    const byKey = new Map<string, unknown>();
    for (const state of states) byKey.set(this.model.stateKey(state), state);
    const keys = [...byKey.keys()].sort();
    if (keys.length === 1) return this.internOne(byKey.get(keys[0] ?? ""));
    // A NUL prefix keeps multi-member keys apart from any single state's key.
    const key = `\u0000${JSON.stringify(keys)}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.members.length;
    this.members.push(keys.map((member) => byKey.get(member)));
    this.ids.set(key, id);
    return id;
  }
}
