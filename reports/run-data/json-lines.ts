// Reads a JSON-lines file (trace.jsonl, history.jsonl, zk-records.jsonl) line by line through a zod schema,
// so a truncated or foreign file is refused with the file, line and field that are wrong. A first line that
// is no entry of the kind at all (an HTML page, a binary file, another file in its place) is called what it
// is: not a zabsim trace (or history).
import type { z } from "zod";
import { fieldName, RunInputError } from "./run-input-error.js";

/** `kind` names the file's content in messages: "trace", "history". */
export function parseJsonLines<T>(
  text: string,
  file: string,
  schema: z.ZodType<T>,
  kind = "JSON-lines file",
): T[] {
  const lines = text.split("\n");
  // A file written whole ends with a newline; its last element is then empty.
  const complete = lines.at(-1) === "";
  if (complete) lines.pop();
  const items: T[] = [];
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    if (line.trim() === "") return;
    const truncated = !complete && index === lines.length - 1;
    try {
      items.push(parseLine(line, lineNumber, truncated, file, schema));
    } catch (error) {
      // A lone cut line of an entry is a truncated file; anything else first is another kind of file.
      const cut = truncated && line.trimStart().startsWith("{");
      if (!(error instanceof RunInputError) || items.length > 0 || cut) throw error;
      const shown = JSON.stringify(line.length > 40 ? `${line.slice(0, 40)}…` : line);
      throw new RunInputError(
        file,
        lineNumber,
        `not a zabsim ${kind}: its first line ${shown} ${error.reason}`,
      );
    }
  });
  return items;
}

function parseLine<T>(
  line: string,
  lineNumber: number,
  truncated: boolean,
  file: string,
  schema: z.ZodType<T>,
): T {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const hint = truncated ? "; the file ends without a newline, so it looks truncated" : "";
    const reason = error instanceof Error ? error.message : String(error);
    throw new RunInputError(file, lineNumber, `not valid JSON (${reason})${hint}`, "is not JSON");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue === undefined ? "(the whole value)" : fieldName(issue.path);
    const reason = issue?.message ?? "invalid";
    throw new RunInputError(
      file,
      lineNumber,
      `field '${field}': ${reason}`,
      `has no valid '${field}' field (${reason})`,
    );
  }
  return parsed.data;
}
