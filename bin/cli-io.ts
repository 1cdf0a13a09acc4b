// The CLI's view of the host process: where lines go and how usage errors are reported.
// Commands receive this instead of touching `process` so they can be tested in-process.

export type ExitCode = 0 | 1 | 2 | 3;

/** Exit codes shared by every command (DESIGN.md, "The CLI contract"). */
export const EXIT = {
  ok: 0,
  violation: 1,
  badInput: 2,
  unknown: 3,
} as const satisfies Record<string, ExitCode>;

export interface CliIo {
  /** Writes one line (no trailing newline needed) to standard output. */
  readonly out: (line: string) => void;
  /** Writes one line to standard error. */
  readonly err: (line: string) => void;
  /** True when standard error is an interactive terminal and `CI` is not set: progress may be drawn. */
  readonly interactive: boolean;
  /**
   * Replaces the transient status line (a progress bar) on standard error; "" clears it. Only called when
   * `interactive` is true; absent in tests.
   */
  readonly status?: (text: string) => void;
}

/**
 * Bad usage or bad input. The message names what is wrong and where (file, line, field);
 * the CLI prints it and exits with code 2 having written nothing else.
 */
export class UsageError extends Error {
  readonly code = "USAGE" as const;
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
