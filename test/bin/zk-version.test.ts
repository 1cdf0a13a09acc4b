// `zabsim run --zk-version 3.8|3.9`: the release line reaches every scenario of the run, its run directory
// (run.json's zk_version, scenario.json's zkVersion) and the repro command; anything else is bad usage.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../bin/main.js";
import { capture } from "./capture.js";

describe("--zk-version", () => {
  it("an unknown version is one line on stderr and exit 2", async () => {
    const io = capture();
    expect(await main(["run", "zk-mixed", "--seed", "1", "--zk-version", "4.0"], io)).toBe(2);
    expect(io.stderr).toEqual(["zabsim run: --zk-version expects one of 3.8, 3.9, got '4.0'"]);
  });

  it("3.8 is recorded in the run directory and named by the repro command", async () => {
    const out = mkdtempSync(join(tmpdir(), "zabsim-runs-"));
    const io = capture();
    const args = ["run", "crash-loop", "--bug", "ZOOKEEPER-3911", "--seed", "1", "--json"];
    expect(await main([...args, "--zk-version", "3.8", "--out", out], io)).toBe(1);
    const result = JSON.parse(io.stdout[0] as string);
    expect(result.repro).toBe(
      "npx zabsim run crash-loop --seed 1 --bug ZOOKEEPER-3911 --zk-version 3.8",
    );
    expect(result.sweep.zk_version).toBe("3.8");
    const run = JSON.parse(readFileSync(join(result.run_dir, "run.json"), "utf8"));
    expect(run.zk_version).toBe("3.8");
    const scenario = JSON.parse(readFileSync(join(result.run_dir, "scenario.json"), "utf8"));
    expect(scenario.zkVersion).toBe("3.8");
  });

  it("without the flag a run follows the scenario's own line, 3.9 by default", async () => {
    const out = mkdtempSync(join(tmpdir(), "zabsim-runs-"));
    const io = capture();
    const args = ["run", "crash-loop", "--bug", "ZOOKEEPER-3911", "--seed", "1", "--json"];
    expect(await main([...args, "--out", out], io)).toBe(1);
    const result = JSON.parse(io.stdout[0] as string);
    expect(result.repro).not.toContain("--zk-version");
    const run = JSON.parse(readFileSync(join(result.run_dir, "run.json"), "utf8"));
    expect(run.zk_version).toBe("3.9");
  });
});
