// `run --junit FILE` and `run --report`: the CI outputs of a sweep (DESIGN.md, "The CLI contract").
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../bin/main.js";
import { capture } from "./capture.js";

describe("run --junit and --report", () => {
  it("write a test case per seed with the repro command, and report.html in the failing run's directory", async () => {
    const out = mkdtempSync(join(tmpdir(), "zabsim-outputs-"));
    const junit = join(out, "results.xml");
    const io = capture();
    const args = ["run", "partition-crash", "--bug", "commit-without-quorum", "--seeds", "1..3"];
    expect(await main([...args, "--out", out, "--junit", junit, "--report"], io)).toBe(1);
    const xml = readFileSync(junit, "utf8");
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toMatch(/<testsuites name="zabsim" tests="3" failures="1"/);
    expect(xml).toContain(
      "repro: npx zabsim run partition-crash --seed 2 --bug commit-without-quorum",
    );
    const report = join(out, "partition-crash", "seed-2", "report.html");
    expect(existsSync(report)).toBe(true);
    expect(readFileSync(report, "utf8")).toMatch(/^<!DOCTYPE html>/i);
    expect(existsSync(join(out, "partition-crash", "seed-1"))).toBe(false);
  });

  it("--junit without a file name is a usage error", async () => {
    const io = capture();
    expect(await main(["run", "no-faults", "--seed", "1", "--junit="], io)).toBe(2);
    expect(io.stderr.join("\n")).toMatch(/--junit needs a file name/);
  });
});
