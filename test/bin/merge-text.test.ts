// `zabsim merge` in text: a line per run, a failing run's violations under it (story first), the summary.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { main } from "../../bin/main.js";
import { capture } from "./capture.js";

const sweep = {
  target: "no-faults",
  seeds: "1..2",
  shard: null,
  bugs: [],
  fail_fast: false,
  scenarios: 1,
};

function line(seed: number, violations: object[]) {
  return JSON.stringify({
    scenario: "no-faults",
    seed,
    verdict: violations.length === 0 ? "pass" : "fail",
    violations,
    trace_hash: "0123456789abcdef",
    events: 10,
    sim_time_us: 1_000_000,
    wall_ms: 5,
    bugs: [],
    faults: 0,
    client_ops: 0,
    repro: `npx zabsim run no-faults --seed ${seed}`,
    sweep,
  });
}

it("prints each merged run, a failing one's story under it, and counts seeds", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "zabsim-merge-text-")), "all.jsonl");
  const story = "n2 delivered 0x100000003 that no quorum had logged";
  writeFileSync(
    file,
    `${line(1, [])}\n${line(2, [{ check: "Agreement", message: "m", story }])}\n`,
  );
  const io = capture();
  expect(await main(["merge", file], io)).toBe(1);
  expect(io.stdout).toEqual([
    "no-faults seed 1  PASS",
    "no-faults seed 2  FAIL",
    `  Agreement: ${story}`,
  ]);
  expect(io.stderr[0]).toMatch(/^2 seeds: 1 passed, 1 failed, 0 unknown;/);
});
