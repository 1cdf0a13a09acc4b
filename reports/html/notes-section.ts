// An app run's notes (docs/apps.md): what each instance noted, in simulated-time order, as the app's check
// read them; the note from which the check fails is highlighted and scrolled to.
import type { AppNoteJson, ViolationJson } from "../run-data/index.js";
import { escapeHtml } from "./escape.js";

/** Rows shown around the highlighted note (or from the start): a note list is for reading, not scrolling. */
const ROWS_MAX = 400;

export function notesSection(
  notes: readonly AppNoteJson[] | undefined,
  violations: readonly ViolationJson[],
): string {
  if (notes === undefined) return "";
  const at = violations.find((v) => v.check === "app" && v.at?.observed === "app-note")?.at;
  const hit =
    at === undefined
      ? -1
      : notes.findIndex((n) => n.instance === at.node && Math.round(n.atMs * 1_000) === at.timeUs);
  const first = hit < 0 ? 0 : Math.max(0, hit - ROWS_MAX / 2);
  const shown = notes.slice(first, first + ROWS_MAX);
  const rows = shown.map((note, i) => row(note, first + i, first + i === hit)).join("");
  const range =
    shown.length === notes.length
      ? `${notes.length} notes`
      : `notes ${first + 1}–${first + shown.length} of ${notes.length}`;
  const lead =
    hit < 0 ? "" : ` The check fails from note ${hit + 1} (highlighted): the notes before it pass.`;
  return `<section id="notes"><h2>App notes</h2>
<p class="muted">${range}, every instance's, in simulated-time order, as the app's check read them.${escapeHtml(lead)}</p>
<div class="notes-scroll"><table class="notes"><thead><tr><th>#</th><th>time</th><th>instance</th><th>event</th><th>fields</th></tr></thead><tbody>${rows}</tbody></table></div>
</section>`;
}

function row(note: AppNoteJson, index: number, hit: boolean): string {
  const { instance, event, atMs, ...fields } = note;
  const json = Object.keys(fields).length === 0 ? "" : JSON.stringify(fields);
  const mark = hit ? ' class="hit" id="note-hit"' : "";
  return `<tr${mark}><td>${index + 1}</td><td>${(atMs / 1_000).toFixed(6)} s</td><td>${escapeHtml(instance)}</td><td>${escapeHtml(event)}</td><td><code>${escapeHtml(json)}</code></td></tr>`;
}
