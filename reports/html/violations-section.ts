// The violations, grouped by the rule that found them, with what each ZooKeeper consistency rule means (the
// checker's own definitions, DESIGN.md checkers §2), the first few of each in full and a count of the rest.
import type { CheckOutcomeJson, RunJson } from "../run-data/index.js";
import { escapeHtml } from "./escape.js";

export const SHOWN_PER_CHECK = 12;
/** A message longer than this shows its start, and the rest on demand (some list hundreds of zxids). */
const MESSAGE_CHARS_SHOWN = 400;

const RULES: { readonly [check: string]: string } = {
  "write-order": "successful writes are linearizable in zxid order",
  "read-state": "each read returns exactly the state at the zxid it was served at",
  "session-order":
    "per session, observed zxids never go backwards and include the session's own writes",
  "watch-order":
    "watch events arrive once, in zxid order, before any read that reflects the change",
  liveness:
    "after the last fault heals, a leader is established and a write completes within the bound",
};

/**
 * How many violations a check found. A check records only its first few in run.json; `violationCount` says
 * how many there were (older run.json files: the count its message starts with, "61 violations over ...").
 */
export function violationsFound(outcome: CheckOutcomeJson): number {
  const recorded = outcome.violations.length;
  const said = /^(\d+) (?:\w+ )?violations\b/.exec(outcome.message);
  return Math.max(recorded, outcome.violationCount ?? (said === null ? 0 : Number(said[1])));
}

function heading(run: RunJson): string {
  const recorded = run.violations.length;
  const found = run.verdicts.reduce((sum, outcome) => sum + violationsFound(outcome), 0);
  return found > recorded
    ? `Violations (${recorded} recorded of ${found} found)`
    : `Violations (${recorded})`;
}

export function violationsSection(run: RunJson): string {
  if (run.violations.length === 0) return "";
  const groups = new Map<string, string[]>();
  for (const violation of run.violations) {
    const list = groups.get(violation.check) ?? [];
    list.push(violation.message);
    groups.set(violation.check, list);
  }
  const blocks = [...groups].map(([check, messages]) => {
    const rule =
      RULES[check] === undefined
        ? ""
        : ` <span class="muted">— ${escapeHtml(RULES[check] ?? "")}</span>`;
    return `<div class="violation-group" data-check="${escapeHtml(check)}"><h3>${escapeHtml(check)} (${messages.length})${rule}</h3><ul>${distinctItems(messages)}</ul></div>`;
  });
  const partial = run.verdicts
    .filter((outcome) => violationsFound(outcome) > outcome.violations.length)
    .map(
      (o) => `${escapeHtml(o.check)}: the first ${o.violations.length} of ${violationsFound(o)}`,
    );
  const note =
    partial.length === 0
      ? ""
      : `<p class="muted">run.json records the first violations of each check (${partial.join("; ")}).</p>`;
  return `<section id="violations"><h2>${heading(run)}</h2>${note}${blocks.join("\n")}</section>`;
}

function messageHtml(message: string): string {
  if (message.length <= MESSAGE_CHARS_SHOWN) return `<code>${escapeHtml(message)}</code>`;
  const start = escapeHtml(message.slice(0, MESSAGE_CHARS_SHOWN));
  const rest = message.length - MESSAGE_CHARS_SHOWN;
  return `<details class="long-message"><summary><code>${start}…</code> <span class="muted">(${rest} more characters)</span></summary><code>${escapeHtml(message)}</code></details>`;
}

/** Checkers may report one fault many times (once per delivery): each message once, with its count. */
function distinctItems(messages: readonly string[]): string {
  const counted = new Map<string, number>();
  for (const message of messages) counted.set(message, (counted.get(message) ?? 0) + 1);
  const distinct = [...counted];
  const shown = distinct.slice(0, SHOWN_PER_CHECK).map(([message, count]) => {
    const times = count > 1 ? ` <span class="muted">×${count}</span>` : "";
    return `<li>${messageHtml(message)}${times}</li>`;
  });
  const more = distinct.length - shown.length;
  const rest = more > 0 ? `<li class="muted">… and ${more} more distinct</li>` : "";
  return shown.join("") + rest;
}
