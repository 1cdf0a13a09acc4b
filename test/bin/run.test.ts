// `zabsim run` called in-process: output lines, JSON fields, exit codes, sharding, and bad input.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../bin/main.js";
import { capture } from "./capture.js";

const JSON_FIELDS = [
  "scenario",
  "seed",
  "verdict",
  "violations",
  "trace_hash",
  "events",
  "sim_time_us",
  "wall_ms",
];

async function json(args: string[]) {
  const io = capture();
  const code = await main(["run", ...args, "--json"], io);
  return { code, results: io.stdout.map((line) => JSON.parse(line)), io };
}

describe("zabsim run", () => {
  it("runs the default scenario: a line per seed, then a summary", async () => {
    const io = capture();
    expect(await main(["run", "--seed", "3"], io)).toBe(0);
    expect(io.stderr[0]).toMatch(/^zabsim run zk-mixed: seed 3/);
    expect(io.stdout[0]).toMatch(/^seed 3 {2}PASS .*hash=[0-9a-f]{16}$/);
    expect(io.stdout).toHaveLength(1);
    // One seed: each check's verdict goes to stderr after its line.
    const verdicts = io.stderr.filter((line) => /^ {2}\S+ +(PASS|FAIL|UNKNOWN) /.test(line));
    expect(verdicts.map((line) => line.trim().split(/\s+/).slice(0, 2))).toEqual([
      ["zookeeper-consistency", "PASS"],
      ["zab-invariants", "PASS"],
      ["liveness", "PASS"],
      ["recipes", "PASS"],
      ["sessions", "PASS"],
    ]);
    expect(io.stderr.at(-1)).toMatch(
      /1 seed: 1 passed, 0 failed, 0 unknown; 20s simulated, [\d,]+ events, .*x real time/,
    );
  });

  it("--all sweeps every built-in scenario but those expected to fail, and says which it skips", async () => {
    const io = capture();
    // An empty shard: the header and the skipped scenarios, no seed run.
    expect(await main(["run", "--all", "--seeds", "1..2", "--shard", "3/3"], io)).toBe(0);
    // Runs are scenario × seed pairs: the header and the summary count them as runs.
    expect(io.stderr[0]).toMatch(
      /^zabsim run every built-in scenario \(\d+\): no seeds \(0 seeds each: 0 runs, shard 3\/3\), 1 job$/,
    );
    expect(io.stderr.at(-1)).toMatch(/^0 runs: 0 passed/);
    for (const skipped of ["lock-pause-hazard", "zk-stale-read"])
      expect(io.stderr).toContainEqual(
        expect.stringMatching(`^  skipping ${skipped}: expected to fail`),
      );
    expect(io.stdout).toEqual([]);
  });

  it("prints one JSON object per seed with the contract's fields, and nothing on stderr", async () => {
    const { code, results, io } = await json(["no-faults", "--seeds", "1..2"]);
    expect(code).toBe(0);
    expect(results.map((r) => [r.scenario, r.seed, r.verdict])).toEqual([
      ["no-faults", 1, "pass"],
      ["no-faults", 2, "pass"],
    ]);
    for (const r of results) expect(Object.keys(r)).toEqual(expect.arrayContaining(JSON_FIELDS));
    expect(io.stderr).toEqual([]);
  });

  it("gives the same trace hash for the same seed, in any scenario run", async () => {
    const first = await json(["swarm", "--seeds", "4..5"]);
    const again = await json(["swarm", "--seed", "5"]);
    expect(again.results[0].trace_hash).toBe(first.results[1].trace_hash);
    expect(first.results[0].trace_hash).not.toBe(first.results[1].trace_hash);
  });

  it("splits a range into shards that cover every seed exactly once", async () => {
    const seeds: number[] = [];
    for (const shard of ["1/3", "2/3", "3/3"]) {
      const { results } = await json(["no-faults", "--seeds", "1..7", "--shard", shard]);
      seeds.push(...results.map((r) => r.seed));
    }
    expect(seeds.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("exits 3 when a check is inconclusive and nothing failed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "zabsim-"));
    const file = join(dir, "quiet.json");
    writeFileSync(file, JSON.stringify({ name: "quiet", clients: { count: 0 }, recoveryMs: 1000 }));
    const { code, results } = await json(["--scenario-file", file, "--seed", "1"]);
    expect(code).toBe(3);
    expect(results[0].verdict).toBe("unknown");
  });

  it("keeps the kernel self-check available", async () => {
    const { code, results } = await json(["kernel-selfcheck", "--seed", "2"]);
    expect(code).toBe(0);
    expect(results[0].scenario).toBe("kernel-selfcheck");
  });
});

describe("zabsim run: bad usage and bad input exit 2 with a message and write nothing", () => {
  it.each([
    [["run", "--seeds", "5"], /--seeds expects a range A\.\.B/],
    [["run", "--seeds", "9..2"], /range is empty/],
    [["run", "--seed", "-1"], /--seed/],
    [["run", "--bogus"], /Unknown option '--bogus'/],
    [["run", "--jobs", "0"], /--jobs expects a number of worker threads/],
    [["run", "--shard", "4/3"], /--shard 4\/3: K must be between 1 and N/],
    [["run", "--shard", "x"], /--shard expects K\/N/],
    [["run", "--bug", "ZOOKEEPER-9999"], /unknown planted bug 'ZOOKEEPER-9999'/],
    [
      ["run", "isolate-leader", "--bug", "ZOOKEEPER-1208"],
      /ZOOKEEPER-1208 is a ZooKeeper server bug/,
    ],
    [["run", "--all", "isolate-leader"], /--all runs every built-in scenario: give no scenario/],
    [["run", "--seed", "-3"], /--seed needs a value, and the next argument starts with '-'/],
    [["run", "isolate-leadr"], /unknown scenario 'isolate-leadr'. Did you mean isolate-leader/],
    [["run", "--scenario-file", "/nonexistent/x.json"], /cannot read scenario file/],
    [["frobnicate"], /unknown command 'frobnicate'/],
  ])("rejects %j", async (args, message) => {
    const io = capture();
    expect(await main(args, io)).toBe(2);
    expect(io.stderr.join("\n")).toMatch(message);
    expect(io.stdout).toEqual([]);
  });

  it("names the file, line and field of a bad scenario file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "zabsim-"));
    const file = join(dir, "bad.json");
    writeFileSync(file, '{\n  "name": "bad",\n  "cluster": { "servers": 0 }\n}\n');
    const out = join(dir, "out");
    const io = capture();
    expect(await main(["run", "--scenario-file", file, "--out", out], io)).toBe(2);
    expect(io.stderr.join("\n")).toMatch(new RegExp(`${file}:3: cluster\\.servers: `));
    expect(io.stdout).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });
});
