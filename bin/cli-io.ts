// The CLI's view of the host process: where lines go and how usage errors are reported.
// Commands receive this instead of touching `process` so they can be tested in-process.

export type ExitCode = 0 | 1 | 2 | 3 | 4 | 130;

/**
 * Exit codes shared by every command (DESIGN.md, "The CLI contract"). `internal`: zabsim itself failed (one
 * line, the stack in a file); `interrupted`: the user stopped it (Ctrl-C), after the summary so far.
 */
export const EXIT = {
  ok: 0,
  violation: 1,
  badInput: 2,
  unknown: 3,
  internal: 4,
  interrupted: 130,
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
  /**
   * A command that stops cleanly on Ctrl-C calls this once and watches the signal: aborted when the user
   * interrupts (a sweep then stops after the seed in progress, prints what it has and exits 130). A command
   * that never calls it is stopped at once by Ctrl-C. Absent: nothing interrupts.
   */
  readonly interruptible?: () => AbortSignal;
  /** The process environment, for flags that can be filled from it (`--shard env`). Absent: empty. */
  readonly env?: { readonly [name: string]: string | undefined };
}

/** Error codes of bad external input (flags, files): exit 2 with the message, wherever they are thrown. */
const BAD_INPUT_CODES: ReadonlySet<unknown> = new Set(["USAGE", "RUN_INPUT", "HISTORY"]);

export function isBadInput(error: unknown): error is Error {
  return error instanceof Error && BAD_INPUT_CODES.has((error as { code?: unknown }).code);
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
