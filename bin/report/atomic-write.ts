// Writes a file whole or not at all: into a temporary file beside it, then renamed over the target, so a
// failure (or a reader racing the writer) never sees half a report.
import { renameSync, rmSync, writeFileSync } from "node:fs";

export function writeFileAtomic(file: string, text: string): void {
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
