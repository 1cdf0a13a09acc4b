// One check kind's failing run, for the tests that show every violation is told and located: how to reproduce
// it with the CLI (`zabsim run SCENARIO --seed SEED --bug B... [--app APP]`) and what its violation must show.

export interface StoryKind {
  /** The outcome check that reports it (`zab-invariants`, `liveness`, `recipes`, `app`, ...). */
  readonly kind: string;
  readonly scenario: string;
  readonly seed: number;
  readonly bugs: readonly string[];
  /** An app file (repository-relative) run as the clients, for `app`. */
  readonly app?: string;
  /** The violation's own check: the invariant, the rule, the recipe property, `liveness`, `app`. */
  readonly check: string;
  readonly expect: {
    /** `at.client`: the client's label (`c3`, `lock-1`, `app-1`). */
    readonly client?: string;
    /** `at.node`: the node whose step shows the violation. */
    readonly node?: string;
    /** `at.timeUs`, to within a millisecond. */
    readonly nearUs?: number;
    /** Words the story must name: hex zxids and sessions, clients, servers, times. */
    readonly storyIncludes: readonly string[];
  };
}
