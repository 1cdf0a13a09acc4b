// The report's app notes: every note in time order, the one from which the app's check fails highlighted.
import { describe, expect, it } from "vitest";
import { notesSection } from "../../../reports/html/notes-section.js";

const notes = [
  { instance: "app-1", event: "acquired", atMs: 100, round: 0 },
  { instance: "app-1", event: "released", atMs: 200, round: 0 },
  { instance: "app-2", event: "acquired", atMs: 250.5, round: 0 },
  { instance: "app-3", event: "acquired", atMs: 260, round: 0 },
];

describe("notesSection", () => {
  it("highlights the note the app check's violation names, by instance and time", () => {
    const html = notesSection(notes, [
      {
        check: "app",
        message: "app-3 acquired while app-2 held it",
        at: { node: "app-3", timeUs: 260_000, observed: "app-note" },
      },
    ]);
    const hit = html.match(/<tr class="hit"[^>]*>(.*?)<\/tr>/)?.[1] ?? "";
    expect(hit).toContain("<td>4</td>");
    expect(hit).toContain("app-3");
    expect(html).toContain("The check fails from note 4");
    expect(html).toContain("{&quot;round&quot;:0}");
  });

  it("lists the notes without a highlight when no app check failed, and is absent without notes", () => {
    const html = notesSection(notes, []);
    expect(html).toContain("4 notes");
    expect(html).not.toContain('class="hit"');
    expect(notesSection(undefined, [])).toBe("");
  });
});
