// A failing seed in `zabsim run`: a short seed line, then each violation on lines of its own (its check and its
// story, or its message cut to one line), and in --json every violation whole, story included.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../bin/main.js";
import { VIOLATIONS_SHOWN, violationLines } from "../../bin/run/violation-lines.js";
import { capture } from "./capture.js";

describe("violationLines", () => {
  it("prints a story whole, wrapped under its check", () => {
    const story = `n1, cut off from the leader since 2.000 s, answered getData /k0 = 4000017 ${"and more words ".repeat(12)}`;
    const lines = violationLines([{ check: "linearizability", message: "not shown", story }]);
    expect(lines[0]).toMatch(/^ {2}linearizability: n1, cut off from the leader since 2\.000 s/);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {4}\S/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(lines.join(" ").replace(/\s+/g, " ")).toContain(story.trim());
    expect(lines.join("\n")).not.toContain("not shown");
  });

  it("cuts a message without a story to one line, and counts the violations not shown", () => {
    const message = `cannot linearize: ${"x".repeat(400)}\nsecond line`;
    const violations = Array.from({ length: VIOLATIONS_SHOWN + 2 }, () => ({
      check: "Agreement",
      message,
    }));
    const lines = violationLines(violations);
    expect(lines).toHaveLength(VIOLATIONS_SHOWN + 1);
    expect(lines[0]).toMatch(/^ {2}Agreement: cannot linearize: x+…$/);
    expect(lines[0]?.length).toBeLessThan(200);
    expect(lines.at(-1)).toBe("  (+2 more violations: see --json or run.json)");
    const one = violationLines([...violations, { check: "Agreement", message }].slice(0, 4));
    expect(one.at(-1)).toBe("  (+1 more violation: see --json or run.json)");
  });
});

it("prints a failing seed's line short, its violations under it, and the story in --json", async () => {
  const out = mkdtempSync(join(tmpdir(), "zabsim-violations-"));
  const args = ["run", "zk-stale-read", "--seed", "1", "--out", out];
  const json = capture();
  expect(await main([...args, "--json"], json)).toBe(1);
  const result = JSON.parse(json.stdout[0] ?? "{}");
  const violation = result.violations[0];
  expect(typeof violation.story).toBe("string");
  const text = capture();
  expect(await main(args, text)).toBe(1);
  expect(text.stdout[0]).toMatch(
    /^seed 1 {2}FAIL {2}events=\d+ .* faults=\d+ {2}hash=[0-9a-f]{16}$/,
  );
  expect(text.stdout[1]).toMatch(/^ {2}linearizability: /);
  const told = text.stdout.slice(
    1,
    text.stdout.findIndex((l) => l.startsWith("  run dir:")),
  );
  expect(told.join(" ").replace(/\s+/g, " ")).toContain(
    `linearizability: ${violation.story.replace(/\s+/g, " ").trim()}`,
  );
  expect(text.stdout.at(-1)).toBe("  repro:   npx zabsim run zk-stale-read --seed 1");
  // The one seed's per-check lines still go to stderr.
  expect(text.stderr).toContainEqual(expect.stringMatching(/^ {2}linearizability +FAIL /));
});
