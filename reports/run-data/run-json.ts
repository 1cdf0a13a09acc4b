// Reads run.json: JSON syntax errors and schema errors both name the file and the line.
import { lineOfPath } from "../../scenarios/schema/index.js";
import { type RunJson, runJsonSchema } from "./record-schemas.js";
import { fieldName, RunInputError } from "./run-input-error.js";

export function parseRunJson(text: string, file: string): RunJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RunInputError(file, syntaxErrorLine(text, reason), `not valid JSON (${reason})`);
  }
  const parsed = runJsonSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = (issue?.path ?? []).filter(
    (key): key is string | number => typeof key === "string" || typeof key === "number",
  );
  const line = lineOfPath(text, path);
  throw new RunInputError(file, line, `field '${fieldName(path)}': ${issue?.message ?? "invalid"}`);
}

/** V8 names the offset of a syntax error ("at position 12"); an early end is on the last line. */
function syntaxErrorLine(text: string, reason: string): number {
  const match = /position (\d+)/.exec(reason);
  const offset = match?.[1] === undefined ? text.length : Number(match[1]);
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
