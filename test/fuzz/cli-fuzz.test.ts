// The CLI fuzzer on a fixed-seed sample: every command gets malformed inputs and odd flags, and none may print
// a stack trace, hang, exit outside 0..4, give anything but 2 for bad input, or leave staging files behind.
// Runs the built CLI (dist/bin/zabsim.js), as the other subprocess tests do.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { COMMANDS, generateCases } from "../../fuzz/cases.js";
import { commandLine, makeFixture, runCases } from "../../fuzz/run-cases.js";

const CLI = "dist/bin/zabsim.js";
const SEED = 2;
const COUNT = 40;

/**
 * EXPECTED FAILURES, all in bin/ (being rewritten on another branch): the sample's cases that still break
 * the contract, by command line, with why. Remove each line once bin/ is fixed; an unlisted failure fails.
 */
const KNOWN_BIN_FAILURES: Readonly<Record<string, string>> = {
  "zabsim run no-faults --seeds 1..1 --junit 'nnnnnnnnnnnnnnnnnnnnnnnn...(304 chars)'":
    "ENAMETOOLONG writing the JUnit file: a stack trace and exit 1, not a message and exit 2",
  "zabsim run crash-loop --bug ZOOKEEPER-3911 --seed 1 --out existing-file":
    "--out onto an existing file: mkdir's ENOTDIR/EEXIST as a stack trace and exit 1, not exit 2",
  "zabsim report run --html missing/dir/r.html":
    "--html into a missing folder: ENOENT on the staging file as a stack trace",
};

const root = mkdtempSync(join(tmpdir(), "zabsim-fuzz-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test(`a ${COUNT}-case sample of the CLI fuzzer (seed ${SEED}) finds nothing new`, async () => {
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
    .filter((result) => KNOWN_BIN_FAILURES[commandLine(result)] === undefined)
    .map((result) => `${commandLine(result)}: ${result.problems.join("; ")}\n${result.excerpt}`);
  expect(unexpected).toEqual([]);
}, 300_000);
