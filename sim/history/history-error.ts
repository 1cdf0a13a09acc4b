// Bad external input in a history file: the message names the file, the line and the field at fault,
// so the CLI can print it as is and exit with code 2.

export class HistoryError extends Error {
  readonly code = "HISTORY" as const;
  readonly file: string;
  readonly line: number;
  readonly field: string | null;
  readonly reason: string;

  constructor(file: string, line: number, field: string | null, reason: string) {
    // Line 0 means the fault is not in any line (the file cannot be read at all).
    const where = line > 0 ? `${file}:${line}` : file;
    super(`${where}: ${field === null ? "" : `field '${field}': `}${reason}`);
    this.name = "HistoryError";
    this.file = file;
    this.line = line;
    this.field = field;
    this.reason = reason;
  }
}
