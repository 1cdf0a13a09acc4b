// A crash inside one seed is a finding, not a crash of the sweep (DESIGN.md, "The CLI contract"): that seed
// fails with check `internal`, its run directory holds the stack, its repro is printed, and the sweep goes on.
// The crash is planted by wrapping the real runner: seed 2's 300th step throws inside the simulation.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { main } from "../../bin/main.js";
import { capture } from "./capture.js";

vi.mock("../../scenarios/runner/index.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../scenarios/runner/index.js")>();
  return {
    ...real,
    runScenario: (...[scenario, seed, options]: Parameters<typeof real.runScenario>) =>
      real.runScenario(scenario, seed, {
        ...options,
        onSimulation: (sim) => {
          options?.onSimulation?.(sim);
          if (seed === 2)
            sim.onStep((step) => {
              if (step.index === 300) throw new RangeError("planted crash at step 300");
            });
        },
      }),
  };
});

describe("a seed that crashes", () => {
  it("fails with check internal, gets its run directory and repro, and the sweep goes on", async () => {
    const out = mkdtempSync(join(tmpdir(), "zabsim-crash-"));
    const io = capture();
    expect(await main(["run", "no-faults", "--seeds", "1..3", "--out", out], io)).toBe(1);
    const seeds = io.stdout.filter((line) => line.startsWith("seed "));
    expect(seeds.map((line) => line.split(/\s+/).slice(0, 3).join(" "))).toEqual([
      "seed 1 PASS",
      "seed 2 FAIL",
      "seed 3 PASS",
    ]);
    // The seed's line is short; its violation follows on a line of its own.
    const from = io.stdout.indexOf(seeds[1] ?? "") + 1;
    const told = io.stdout.slice(
      from,
      io.stdout.indexOf(`  run dir: ${join(out, "no-faults", "seed-2")}`),
    );
    expect(told.map((line) => line.trim()).join(" ")).toMatch(
      /^internal: .*RangeError: planted crash at step 300 \(at [\d.]+ s simulated, event \d+\)/,
    );
    const dir = join(out, "no-faults", "seed-2");
    expect(io.stdout).toContain(`  run dir: ${dir}`);
    expect(io.stdout).toContain("  repro:   npx zabsim run no-faults --seed 2");
    const run = JSON.parse(readFileSync(join(dir, "run.json"), "utf8"));
    expect(run.verdict).toBe("fail");
    expect(run.internal_error).toMatchObject({
      name: "RangeError",
      message: "planted crash at step 300",
      stack_file: "internal-error.txt",
    });
    expect(readFileSync(join(dir, "internal-error.txt"), "utf8")).toMatch(
      /RangeError: planted crash at step 300\n\s+at /,
    );
    // The trace up to the crash is recorded.
    const trace = readFileSync(join(dir, "trace.jsonl"), "utf8").trim().split("\n");
    expect(trace.length).toBe(run.stats.trace_entries);
    expect(io.stderr.at(-2)).toMatch(/^3 seeds: 2 passed, 1 failed, 0 unknown/);
  });
});
