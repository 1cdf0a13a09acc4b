// `zabsim run --junit FILE`: the sweep's results as JUnit XML, written atomically.
import { type JunitCase, junitXml } from "../../reports/junit/index.js";
import { writeFileAtomic } from "./atomic-write.js";

export function writeJunit(file: string, results: readonly JunitCase[]): void {
  writeFileAtomic(file, junitXml(results));
}
