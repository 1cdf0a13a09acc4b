// `zabsim run` and the CLI's dispatch, called in-process with a captured io.
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../bin/cli-io.js";
import { main } from "../../bin/main.js";

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    interactive: false,
  };
}

describe("zabsim run", () => {
  it("says plainly that no ZooKeeper scenario exists yet, then runs the kernel self-check", async () => {
    const io = capture();
    expect(await main(["run", "--seed", "3"], io)).toBe(0);
    expect(io.stderr.join("\n")).toMatch(/no ZooKeeper scenarios exist yet/);
    expect(io.stdout).toHaveLength(1);
    expect(io.stdout[0]).toMatch(/^seed 3 {2}PASS .*hash=[0-9a-f]{16}$/);
    expect(io.stderr.at(-1)).toMatch(/1 seeds: 1 passed, 0 failed, 0 unknown/);
  });

  it("prints one JSON object per seed with --json", async () => {
    const io = capture();
    expect(await main(["run", "--seeds", "1..2", "--json"], io)).toBe(0);
    const results = io.stdout.map((line) => JSON.parse(line));
    expect(results.map((r) => [r.seed, r.verdict])).toEqual([
      [1, "pass"],
      [2, "pass"],
    ]);
    for (const r of results) {
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining([
          "scenario",
          "seed",
          "verdict",
          "violations",
          "trace_hash",
          "events",
          "sim_time_us",
          "wall_ms",
        ]),
      );
    }
    expect(io.stderr).toEqual([]);
  });

  it.each([
    [["run", "--seeds", "5"], /--seeds expects a range A\.\.B/],
    [["run", "--seeds", "9..2"], /range is empty/],
    [["run", "--seed", "-1"], /--seed/],
    [["run", "--bogus"], /Unknown option '--bogus'/],
    [["run", "--jobs", "2"], /--jobs is part of the CLI contract but not built yet/],
    [["run", "partition-leader"], /unknown scenario 'partition-leader'/],
    [["frobnicate"], /unknown command 'frobnicate'/],
  ])("rejects %j with exit 2 and a message", async (args, message) => {
    const io = capture();
    expect(await main(args, io)).toBe(2);
    expect(io.stderr.join("\n")).toMatch(message);
    expect(io.stdout).toEqual([]);
  });
});

describe("zabsim list", () => {
  it("lists every catalogue, or one, as text or JSON lines with name and description", async () => {
    const all = capture();
    expect(await main(["list"], all)).toBe(0);
    expect(all.stdout).toContain("models:");
    expect(all.stdout.join("\n")).toMatch(/partition-start +cut the listed directed links/);
    const models = capture();
    expect(await main(["list", "models", "--json"], models)).toBe(0);
    const items = models.stdout.map((line) => JSON.parse(line));
    expect(items.map((item) => item.name)).toEqual(
      expect.arrayContaining([
        "register",
        "cas-register",
        "kv",
        "mutex",
        "set",
        "fifo-queue",
        "multi-register",
      ]),
    );
    for (const item of items) expect(typeof item.description).toBe("string");
  });

  it("rejects an unknown catalogue with exit 2", async () => {
    const io = capture();
    expect(await main(["list", "planets"], io)).toBe(2);
    expect(io.stderr.join("\n")).toMatch(/unknown catalogue 'planets'/);
  });
});
