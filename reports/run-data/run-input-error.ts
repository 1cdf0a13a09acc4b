// Bad input in a run directory: the message names the file, the line and the field at fault, so the CLI can
// print it as is and exit with code 2 (STYLE.md, "Errors").

export class RunInputError extends Error {
  readonly code = "RUN_INPUT" as const;
  readonly file: string;
  /** 1-based; 0 when the fault is not in any line (the file is missing or unreadable). */
  readonly line: number;
  /** What is wrong with the line, as a phrase ("is not JSON"), for messages that name the line otherwise. */
  readonly reason: string;

  constructor(file: string, line: number, message: string, reason = message) {
    super(`${line > 0 ? `${file}:${line}` : file}: ${message}`);
    this.name = "RunInputError";
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}

/** `verdicts[3].check` from a zod issue path. */
export function fieldName(path: readonly PropertyKey[]): string {
  let name = "";
  for (const key of path) {
    if (typeof key === "number") name += `[${key}]`;
    else name += name === "" ? String(key) : `.${String(key)}`;
  }
  return name === "" ? "(the whole value)" : name;
}
