// Through the built CLI in fresh processes: --jobs N gives exactly the results of --jobs 1, and merging the
// --json outputs of shards gives the unsharded sweep.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = "dist/cli/zabsim.js";

function zabsim(args: string[]) {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run 'npm run build' (npm test does) first`);
  const child = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "1" },
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Results without the wall time, which is the only field allowed to differ. */
function results(stdout: string) {
  return stdout
    .trim()
    .split("\n")
    .map((line) => {
      const { wall_ms: _wall, ...rest } = JSON.parse(line);
      return rest;
    });
}

describe("zabsim run across processes and threads", () => {
  it("--jobs 2 gives the same results, in the same order, as --jobs 1", () => {
    const one = zabsim(["run", "swarm", "--seeds", "1..8", "--json"]);
    const two = zabsim(["run", "swarm", "--seeds", "1..8", "--json", "--jobs", "2"]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(results(two.stdout)).toEqual(results(one.stdout));
  });

  it("merging the shards' --json outputs gives the whole sweep", () => {
    const dir = mkdtempSync(join(tmpdir(), "zabsim-merge-"));
    const files = ["1/2", "2/2"].map((shard, i) => {
      const file = join(dir, `shard-${i}.jsonl`);
      writeFileSync(
        file,
        zabsim(["run", "no-faults", "--seeds", "1..5", "--shard", shard, "--json"]).stdout,
      );
      return file;
    });
    const merged = zabsim(["merge", ...files, "--json"]);
    expect(merged.code).toBe(0);
    const whole = zabsim(["run", "no-faults", "--seeds", "1..5", "--json"]);
    expect(results(merged.stdout)).toEqual(results(whole.stdout));
    expect(merged.stderr).toMatch(/5 seeds: 5 passed, 0 failed, 0 unknown/);
  });
});
