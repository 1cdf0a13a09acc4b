// A planted bug gives a failing seed, its run directory, the repro command, and a shrunk reproduction.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../bin/main.js";
import { capture } from "./capture.js";

describe("a failing seed (planted bug ZOOKEEPER-3911 in the crash-loop scenario)", () => {
  const out = mkdtempSync(join(tmpdir(), "zabsim-runs-"));

  it("exits 1, writes the run directory and prints the exact repro command", async () => {
    const io = capture();
    const args = ["run", "crash-loop", "--bug", "ZOOKEEPER-3911", "--seeds", "1..5", "--fail-fast"];
    expect(await main([...args, "--out", out], io)).toBe(1);
    const failing = io.stdout.filter((line) => / FAIL /.test(line));
    expect(failing).toHaveLength(1);
    expect(io.stdout.at(-1)).toMatch(
      /repro: {3}npx zabsim run crash-loop --seed 1 --bug ZOOKEEPER-3911$/,
    );
    const dir = join(out, "crash-loop", "seed-1");
    for (const file of ["run.json", "scenario.json", "trace.jsonl", "history.jsonl", "history.edn"])
      expect(existsSync(join(dir, file)), file).toBe(true);
    const run = JSON.parse(readFileSync(join(dir, "run.json"), "utf8"));
    expect(run).toMatchObject({
      scenario: "crash-loop",
      seed: 1,
      verdict: "fail",
      version: "0.1.0",
    });
    expect(run.bugs).toEqual(["ZOOKEEPER-3911"]);
    expect(run.trace_hash).toMatch(/^[0-9a-f]{16}$/);
    expect(run.violations.length).toBeGreaterThan(0);
    const trace = readFileSync(join(dir, "trace.jsonl"), "utf8").trim().split("\n");
    expect(trace.length).toBeGreaterThan(100);
    expect(JSON.parse(trace[0] as string)).toMatchObject({ index: 0, kind: "start" });
    const history = readFileSync(join(dir, "history.jsonl"), "utf8").trim().split("\n");
    expect(history.map((line) => JSON.parse(line).type)).toContain("invoke");
    const edn = readFileSync(join(dir, "history.edn"), "utf8");
    expect(edn).toMatch(/:type :invoke, :f :write/);
    expect(edn).toMatch(/:process :nemesis, :type :info, :f :crash/);
  });

  it("the same seed through --json names the run directory, and the hash matches run.json", async () => {
    const io = capture();
    const args = ["run", "crash-loop", "--bug", "ZOOKEEPER-3911", "--seed", "1", "--json"];
    expect(await main([...args, "--out", out], io)).toBe(1);
    const result = JSON.parse(io.stdout[0] as string);
    expect(result.run_dir).toBe(join(out, "crash-loop", "seed-1"));
    const run = JSON.parse(readFileSync(join(result.run_dir, "run.json"), "utf8"));
    expect(result.trace_hash).toBe(run.trace_hash);
    // Faults are counted as fault windows in both; run.json keeps the ops they are made of too.
    expect([run.stats.faults, run.stats.fault_ops]).toEqual([result.faults, result.fault_ops]);
    expect(run.stats.fault_ops).toBeGreaterThan(run.stats.faults);
  });

  it("shrinks the run to fewer faults and client operations that still fail the same check", async () => {
    const dir = join(out, "crash-loop", "seed-1");
    const shrunk = join(out, "shrunk");
    const io = capture();
    expect(await main(["shrink", dir, "--out", shrunk, "--json"], io)).toBe(1);
    const outcome = JSON.parse(io.stdout[0] as string);
    expect(outcome.after.faults).toBeLessThan(outcome.before.faults);
    expect(outcome.after.faultOps).toBeLessThanOrEqual(10);
    expect(outcome.after.clientOps).toBeLessThan(outcome.before.clientOps);
    const again = capture();
    const file = join(shrunk, "scenario.json");
    expect(
      await main(["run", "--scenario-file", file, "--seed", "1", "--json", "--out", out], again),
    ).toBe(1);
    const result = JSON.parse(again.stdout[0] as string);
    expect(result.violations.map((v: { check: string }) => v.check)).toContain(outcome.check);
    // The shrinker counts faults as the run of the shrunk scenario does.
    expect([result.faults, result.fault_ops]).toEqual([
      outcome.after.faults,
      outcome.after.faultOps,
    ]);
  });
});
