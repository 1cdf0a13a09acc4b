// Reading a user's scenario file (`--scenario-file FILE`): the text is read here, validated in scenarios/;
// any problem becomes a usage error naming the file, the line and the field (exit 2, nothing else written).
import { readFileSync } from "node:fs";
import { formatIssues, parseScenarioText, type Scenario } from "../../scenarios/schema/index.js";
import { UsageError } from "../cli-io.js";

export function readScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read scenario file ${file}: ${(error as Error).message}`);
  }
  const parsed = parseScenarioText(text);
  if (!parsed.ok)
    throw new UsageError(`invalid scenario file\n${formatIssues(file, parsed.issues)}`);
  return parsed.scenario;
}
