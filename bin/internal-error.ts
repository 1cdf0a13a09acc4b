// When zabsim itself fails (an exception no command expected): one line for the user, the stack in a file,
// exit 4 (DESIGN.md, "The CLI contract"). A stack trace is never printed.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VERSION } from "./version.js";

/** Writes the error's stack to a file in the temporary directory; returns its path, or null if it cannot. */
export function saveInternalError(command: string, error: unknown): string | null {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = join(tmpdir(), `zabsim-internal-error-${stamp}-${process.pid}.txt`);
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const text = `zabsim ${VERSION}, node ${process.version}, command: ${command}\n\n${stack}\n`;
  try {
    writeFileSync(file, text, { flag: "wx" });
    return file;
  } catch {
    return null;
  }
}

/** The one line the user sees. */
export function internalErrorLine(command: string, error: unknown, file: string | null): string {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const first = what.split("\n", 1)[0] ?? what;
  const where = file === null ? "the stack could not be saved" : `the stack is in ${file}`;
  return `zabsim ${command}: internal error (a bug in zabsim, please report it): ${first}; ${where}`;
}
