// Assertions that stay on: a broken invariant is a bug, and the run stops with the seed to reproduce it.

export class InvariantViolation extends Error {
  readonly code = "INVARIANT" as const;
  constructor(message: string) {
    super(message);
    this.name = "InvariantViolation";
  }
}

export function assert(condition: boolean, message: string | (() => string)): asserts condition {
  if (!condition) {
    throw new InvariantViolation(typeof message === "string" ? message : message());
  }
}

/** Ends every exhaustive `switch`: reaching it means a case was added without handling it. */
export function assertNever(value: never, what = "value"): never {
  throw new InvariantViolation(`unexpected ${what}: ${JSON.stringify(value)}`);
}
