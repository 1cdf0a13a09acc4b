// JUnit XML for CI (issue 9): one <testsuite> per scenario, one <testcase> per seed. A failing seed is a
// <failure> listing its violations (each with its story and where it became visible), the exact repro command
// and its run directory; an inconclusive seed (exit code 3) is <skipped>, since JUnit has no "unknown".
import { type ViolationPlace, violationLocation } from "./violation-location.js";
import { escapeXml, escapeXmlAttribute } from "./xml-escape.js";

export interface JunitViolation {
  readonly check: string;
  readonly message: string;
  /** The failure told for people; the message stands in when there is none. */
  readonly story?: string;
  readonly at?: ViolationPlace;
}

/** One seed's result: the fields of a `zabsim run --json` line, plus the command that reproduces it. */
export interface JunitCase {
  readonly scenario: string;
  readonly seed: number;
  readonly verdict: "pass" | "fail" | "unknown";
  readonly violations: readonly JunitViolation[];
  readonly trace_hash: string;
  readonly wall_ms: number;
  readonly repro: string;
  readonly run_dir?: string;
}

/** Violations listed in a failure's text; the rest are counted. */
export const VIOLATIONS_LISTED = 50;
/** A failure's message attribute (a CI summary's one line) is cut here; its text has everything. */
const MESSAGE_CHARS_MAX = 300;

/** The story when there is one, else the message. */
function told(violation: JunitViolation): string {
  const story = violation.story?.trim();
  return story === undefined || story === "" ? violation.message : story;
}

/** One violation in a failure's text: its check and story, then where it became visible. */
function violationText(violation: JunitViolation): string[] {
  const where = violationLocation(violation.at);
  const lines = [`${violation.check}: ${told(violation)}`];
  if (where !== null) lines.push(`  where: ${where}`);
  if (violation.story !== undefined && violation.story.trim() !== violation.message)
    lines.push(`  message: ${violation.message}`);
  return lines;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= MESSAGE_CHARS_MAX ? line : `${line.slice(0, MESSAGE_CHARS_MAX - 1)}…`;
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function failureText(result: JunitCase): string {
  const listed = result.violations.slice(0, VIOLATIONS_LISTED);
  const lines = listed.flatMap(violationText);
  const more = result.violations.length - listed.length;
  if (more > 0) lines.push(`... and ${more} more violations`);
  lines.push("", `repro: ${result.repro}`);
  if (result.run_dir !== undefined) lines.push(`run dir: ${result.run_dir}`);
  lines.push(`trace hash: ${result.trace_hash}`);
  return lines.join("\n");
}

function testcase(result: JunitCase): string {
  const open = `    <testcase classname="zabsim.${escapeXmlAttribute(result.scenario)}" name="seed ${result.seed}" time="${seconds(result.wall_ms)}">`;
  const first = result.violations[0];
  const out = `      <system-out>${escapeXml(`repro: ${result.repro}\ntrace hash: ${result.trace_hash}`)}</system-out>`;
  if (result.verdict === "pass") return `${open}\n${out}\n    </testcase>`;
  if (result.verdict === "unknown") {
    const why =
      first === undefined ? "inconclusive" : `inconclusive: ${first.check}: ${first.message}`;
    return `${open}\n      <skipped message="${escapeXmlAttribute(why)}"/>\n${out}\n    </testcase>`;
  }
  const count = result.violations.length;
  const where = first === undefined ? null : violationLocation(first.at);
  const message =
    first === undefined
      ? "failed"
      : `${first.check}${where === null ? "" : ` (${where})`}: ${oneLine(told(first))}${count > 1 ? ` (+${count - 1} more)` : ""}`;
  const type = escapeXmlAttribute(first?.check ?? "violation");
  const failure = `      <failure message="${escapeXmlAttribute(message)}" type="${type}">${escapeXml(failureText(result))}</failure>`;
  return `${open}\n${failure}\n${out}\n    </testcase>`;
}

function counts(results: readonly JunitCase[]) {
  const failures = results.filter((r) => r.verdict === "fail").length;
  const skipped = results.filter((r) => r.verdict === "unknown").length;
  const time = seconds(results.reduce((sum, r) => sum + r.wall_ms, 0));
  return `tests="${results.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}"`;
}

/** The whole document; suites and cases in the order the results were given, grouped by scenario. */
export function junitXml(results: readonly JunitCase[]): string {
  const byScenario = new Map<string, JunitCase[]>();
  for (const result of results) {
    const list = byScenario.get(result.scenario) ?? [];
    list.push(result);
    byScenario.set(result.scenario, list);
  }
  const suites = [...byScenario].map(
    ([scenario, cases]) =>
      `  <testsuite name="zabsim run ${escapeXmlAttribute(scenario)}" ${counts(cases)}>\n${cases.map(testcase).join("\n")}\n  </testsuite>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="zabsim" ${counts(results)}>\n${suites.join("\n")}\n</testsuites>\n`;
}
