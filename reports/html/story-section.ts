// The top of the report (issue 16): each violation's story — the failure told in plain words by its check —
// with the check's name and where it shows (simulated time, server, client, zxid in hex, history line), and a
// link to the diagram centred there. A violation recorded before checks told stories shows its message.
import type { HistoryLine, RunRecord, ViolationJson } from "../run-data/index.js";
import { escapeHtml } from "./escape.js";
import { type ClientNamer, completionOf } from "./op-labels.js";
import { formatUs, formatZxid } from "./time-format.js";

/** Stories shown; the violations section lists every violation. */
export const STORIES_SHOWN = 3;
const MESSAGE_CHARS_SHOWN = 300;

function timeOf(history: readonly HistoryLine[], violation: ViolationJson): number | null {
  const at = violation.at;
  if (at?.historyIndex !== undefined) {
    const entry = completionOf(history, at.historyIndex) ?? history[at.historyIndex];
    if (entry !== undefined) return entry.time / 1000;
  }
  return at?.timeUs ?? null;
}

/** `at 2.056 s · on n1 · c3 · zxid 0x10000002a · history line 193`. */
export function locationText(
  record: RunRecord,
  violation: ViolationJson,
  name: ClientNamer,
): string {
  const at = violation.at;
  if (at === undefined) return "";
  const timeUs = timeOf(record.history, violation);
  const invoked =
    at.historyIndex === undefined ? undefined : record.history[at.historyIndex]?.process;
  const process = at.process ?? (typeof invoked === "number" ? invoked : undefined);
  const client = at.client ?? (process === undefined ? undefined : name(process));
  const parts = [
    timeUs === null ? null : `at ${formatUs(timeUs)}`,
    at.node === undefined ? null : `on ${at.node}`,
    client === undefined || client === at.node ? null : client,
    at.zxid === undefined ? null : `zxid ${formatZxid(at.zxid)}`,
    at.historyIndex === undefined ? null : `history line ${at.historyIndex + 1}`,
  ];
  return parts.filter((part) => part !== null).join(" · ");
}

/** What the report can tell of a violation that carries no story of its own (a counterexample's key fact). */
export interface StoryFallback {
  readonly check: string;
  readonly text: string;
  readonly where: string;
}

function told(violation: ViolationJson, fallback: StoryFallback | null): string {
  const fact = fallback !== null && fallback.check === violation.check ? fallback.text : null;
  if (violation.story !== undefined)
    return fact === null
      ? escapeHtml(violation.story)
      : `${escapeHtml(violation.story)}</p><p class="story-fact">In the counterexample: ${escapeHtml(fact)}`;
  if (fact !== null) return escapeHtml(fact);
  const message = violation.message;
  const shown =
    message.length > MESSAGE_CHARS_SHOWN ? `${message.slice(0, MESSAGE_CHARS_SHOWN)}…` : message;
  return `<code>${escapeHtml(shown)}</code>`;
}

export function storySection(
  record: RunRecord,
  name: ClientNamer,
  fallback: StoryFallback | null = null,
): string {
  const seen = new Set<string>();
  const distinct = record.run.violations.filter((v) => {
    const key = `${v.check}\n${v.story ?? v.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (distinct.length === 0) return "";
  const items = distinct.slice(0, STORIES_SHOWN).map((violation) => {
    const own = locationText(record, violation, name);
    // A counterexample places a failure better than a location that names no operation.
    const placed = fallback?.check === violation.check && violation.at?.historyIndex === undefined;
    const where = placed ? fallback.where : own;
    const place = where === "" ? "" : ` <span class="story-at">${escapeHtml(where)}</span>`;
    return `<li class="story" data-check="${escapeHtml(violation.check)}"><strong>${escapeHtml(violation.check)}</strong>${place}<p>${told(violation, fallback)}</p></li>`;
  });
  const more = distinct.length - items.length;
  const rest =
    more > 0
      ? `<p class="muted">… and ${more} more: see <a href="#violations">Violations</a>.</p>`
      : "";
  return `<section id="story"><h2>What went wrong</h2><ul class="stories">${items.join("")}</ul>${rest}
<p class="muted"><a href="#messages">The servers' messages around it</a> · <a href="#timeline">every client's operations</a></p></section>`;
}
