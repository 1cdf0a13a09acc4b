// The CLI fuzzer on a fixed-seed sample: every command gets malformed inputs and odd flags, and none may print
// a stack trace, hang, exit outside 0..4, give anything but 2 for bad input, or leave staging files behind.
// Runs the CLI users run (dist/cli/zabsim.js, the bundle), as the other subprocess tests do.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { COMMANDS, generateCases } from "../../fuzz/cases.js";
import { commandLine, makeFixture, runCases } from "../../fuzz/run-cases.js";

const CLI = "dist/cli/zabsim.js";
const SEED = 2;
const COUNT = 40;

const root = mkdtempSync(join(tmpdir(), "zabsim-fuzz-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test(`a ${COUNT}-case sample of the CLI fuzzer (seed ${SEED}) breaks nothing in the CLI contract`, async () => {
  const fixture = makeFixture(CLI, root);
  const cases = generateCases(SEED, COUNT, fixture);
  expect(new Set(cases.map((c) => c.command))).toEqual(new Set(COMMANDS));
  const results = await runCases(cases, fixture, {
    cli: CLI,
    root,
    timeoutMs: 20_000,
    concurrency: 2,
    keepFailing: false,
  });
  const unexpected = results
    .filter((result) => result.problems.length > 0)
    .map((result) => `${commandLine(result)}: ${result.problems.join("; ")}\n${result.excerpt}`);
  expect(unexpected).toEqual([]);
}, 300_000);
