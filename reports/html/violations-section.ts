// The violations, grouped by the rule that found them, with what each ZooKeeper consistency rule means (the
// checker's own definitions, DESIGN.md checkers §2), the first few of each in full and a count of the rest.
import type { RunJson } from "../run-data/index.js";
import { escapeHtml } from "./escape.js";

export const SHOWN_PER_CHECK = 12;

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
  return `<section id="violations"><h2>Violations (${run.violations.length})</h2>${blocks.join("\n")}</section>`;
}

/** Checkers may report one fault many times (once per delivery): each message once, with its count. */
function distinctItems(messages: readonly string[]): string {
  const counted = new Map<string, number>();
  for (const message of messages) counted.set(message, (counted.get(message) ?? 0) + 1);
  const distinct = [...counted];
  const shown = distinct.slice(0, SHOWN_PER_CHECK).map(([message, count]) => {
    const times = count > 1 ? ` <span class="muted">×${count}</span>` : "";
    return `<li><code>${escapeHtml(message)}</code>${times}</li>`;
  });
  const more = distinct.length - shown.length;
  const rest = more > 0 ? `<li class="muted">… and ${more} more distinct</li>` : "";
  return shown.join("") + rest;
}
