// Reads a JSON-lines file (trace.jsonl, history.jsonl) line by line through a zod schema, so a truncated or
// foreign file is refused with the file, line and field that are wrong.
import type { z } from "zod";
import { fieldName, RunInputError } from "./run-input-error.js";

export function parseJsonLines<T>(text: string, file: string, schema: z.ZodType<T>): T[] {
  const lines = text.split("\n");
  // A file written whole ends with a newline; its last element is then empty.
  const complete = lines.at(-1) === "";
  if (complete) lines.pop();
  const items: T[] = [];
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    if (line.trim() === "") return;
    const truncated = !complete && index === lines.length - 1;
    items.push(parseLine(line, lineNumber, truncated, file, schema));
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
    throw new RunInputError(file, lineNumber, `not valid JSON (${reason})${hint}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue === undefined ? "(the whole value)" : fieldName(issue.path);
    const reason = issue?.message ?? "invalid";
    throw new RunInputError(file, lineNumber, `field '${field}': ${reason}`);
  }
  return parsed.data;
}
