// Every repro command reproduces (issue 14): whatever printed it (run's lines, its --json objects, the summary,
// JUnit, run.json, merge), running it gives the same verdict and trace hash. And merge refuses inputs that do
// not fit together: an empty or truncated file, a missing or repeated shard, mixed bug sets or scenarios.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../bin/main.js";
import { shardFromEnv } from "../../bin/run/shard.js";
import { capture } from "./capture.js";

const dir = mkdtempSync(join(tmpdir(), "zabsim-repro-"));
const SWEEP = ["run", "partition-crash", "--bug", "commit-without-quorum", "--seeds", "1..3"];

async function zabsim(args: string[]) {
  const io = capture();
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

function save(name: string, lines: readonly string[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.map((line) => `${line}\n`).join(""));
  return file;
}

/** The sweep as two shards with --json, its merge, and the same sweep in text with --junit. */
async function recordSweep() {
  const shards: string[] = [];
  const recorded = new Map<number, { verdict: string; trace_hash: string }>();
  const commands = new Set<string>();
  for (const shard of ["1/2", "2/2"]) {
    const run = await zabsim([...SWEEP, "--shard", shard, "--json", "--out", join(dir, "runs")]);
    shards.push(save(`shard-${shard[0]}.jsonl`, run.stdout));
    for (const line of run.stdout) {
      const result = JSON.parse(line);
      recorded.set(result.seed, result);
      commands.add(result.repro);
      if (result.run_dir !== undefined)
        commands.add(JSON.parse(readFileSync(join(result.run_dir, "run.json"), "utf8")).repro);
    }
  }
  const merged = await zabsim(["merge", ...shards, "--json"]);
  for (const line of merged.stdout) commands.add(JSON.parse(line).repro);
  for (const line of merged.stderr) {
    const repro = /failed seed \d+: (npx zabsim .*?)( {2}\(|$)/.exec(line)?.[1];
    if (repro !== undefined) commands.add(repro);
  }
  const junit = join(dir, "sweep.xml");
  const text = await zabsim([...SWEEP, "--junit", junit, "--out", join(dir, "runs-text")]);
  for (const line of text.stdout) {
    const repro = /^ {2}repro: {3}(.*)$/.exec(line)?.[1];
    if (repro !== undefined) commands.add(repro);
  }
  for (const match of readFileSync(junit, "utf8").matchAll(/repro: (npx zabsim [^\n<]*)/g))
    commands.add(match[1] as string);
  return { shards, recorded, commands };
}

let sweep: Awaited<ReturnType<typeof recordSweep>>;
beforeAll(async () => {
  sweep = await recordSweep();
}, 120_000);

describe("repro commands", () => {
  it("every one carries the scenario, the seed and the planted bug", () => {
    expect(sweep.commands.size).toBe(3);
    for (const command of sweep.commands)
      expect(command).toMatch(
        /^npx zabsim run partition-crash --seed \d --bug commit-without-quorum$/,
      );
  });

  it("running each gives the recorded verdict and trace hash", async () => {
    const { recorded, commands } = sweep;
    expect([...recorded.values()].map((r) => r.verdict)).toContain("fail");
    for (const command of commands) {
      const args = command.split(" ").slice(2);
      const again = await zabsim([...args, "--json", "--out", join(dir, "again")]);
      const result = JSON.parse(again.stdout[0] as string);
      const seed = Number(/--seed (\d+)/.exec(command)?.[1]);
      expect({ verdict: result.verdict, trace_hash: result.trace_hash }, command).toEqual({
        verdict: recorded.get(seed)?.verdict,
        trace_hash: recorded.get(seed)?.trace_hash,
      });
    }
  }, 120_000);
});

describe("merge refuses what does not fit together (exit 2, naming the problem)", () => {
  const refused = async (files: string[], message: RegExp) => {
    const merged = await zabsim(["merge", ...files]);
    expect(merged.code).toBe(2);
    expect(merged.stdout).toEqual([]);
    expect(merged.stderr).toHaveLength(1);
    expect(merged.stderr[0]).toMatch(message);
  };
  const lines = (file: string) => readFileSync(file, "utf8").trim().split("\n");
  const shard = (k: number) => sweep.shards[k - 1] as string;

  it("an empty file", async () => {
    await refused([save("empty.jsonl", [])], /no results: not the output of `zabsim run --json`/);
  });
  it("a shard cut at a line boundary", async () => {
    const cut = save("cut.jsonl", lines(shard(1)).slice(0, -1));
    await refused(
      [cut, shard(2)],
      /cut\.jsonl: truncated: partition-crash has 1 of the shard's 2 seeds \(the first missing is seed 3\)/,
    );
  });
  it("a shard cut inside a line", async () => {
    const text = readFileSync(shard(1), "utf8");
    const file = join(dir, "mid-line.jsonl");
    writeFileSync(file, text.slice(0, text.length - 40));
    await refused([file, shard(2)], /mid-line\.jsonl:2: not valid JSON/);
  });
  it("a missing shard", async () => {
    await refused(
      [shard(1)],
      /shard 2\/2 of the sweep \(partition-crash, seeds 1\.\.3, --bug commit-without-quorum, 2 shards\) is missing/,
    );
  });
  it("a shard given twice", async () => {
    await refused([shard(1), shard(1), shard(2)], /shard 1\/2 is given twice/);
  });
  it("shards run with different bug sets", async () => {
    const plain = await zabsim([
      ...["run", "partition-crash", "--seeds", "1..3"],
      ...["--shard", "2/2", "--json", "--out", join(dir, "x")],
    ]);
    await refused(
      [shard(1), save("plain.jsonl", plain.stdout)],
      /is from another sweep than .*no --bug.* against .*--bug commit-without-quorum/,
    );
  });
  it("shards of different scenarios", async () => {
    const other = await zabsim([
      ...["run", "no-faults", "--bug", "commit-without-quorum"],
      ...["--seeds", "1..3", "--shard", "2/2", "--json", "--out", join(dir, "x")],
    ]);
    await refused([shard(1), save("other.jsonl", other.stdout)], /is from another sweep than/);
  });
  it("a file that is no run output at all", async () => {
    await refused(
      [save("foreign.jsonl", ['{"hello": 1}'])],
      /foreign\.jsonl:1: not a zabsim run --json output/,
    );
  });
});

describe("--shard env: the shard a CI matrix or a Kubernetes Indexed Job gives a process", () => {
  it("reads ZABSIM_SHARD, JOB_COMPLETION_INDEX with ZABSIM_SHARD_COUNT, or GitLab's CI_NODE_INDEX/TOTAL", () => {
    expect(shardFromEnv({ ZABSIM_SHARD: "2/4" })).toEqual({ index: 2, count: 4 });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: "0", ZABSIM_SHARD_COUNT: "3" })).toEqual({
      index: 1,
      count: 3,
    });
    expect(shardFromEnv({ CI_NODE_INDEX: "3", CI_NODE_TOTAL: "3" })).toEqual({
      index: 3,
      count: 3,
    });
    expect(() => shardFromEnv({})).toThrow(/no shard in the environment; set ZABSIM_SHARD=K\/N/);
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: "3", ZABSIM_SHARD_COUNT: "3" })).toThrow(
      /K must be between 1 and N/,
    );
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: "1" })).toThrow(/set ZABSIM_SHARD_COUNT/);
  });

  const engines: [string, { [name: string]: string }[]][] = [
    [
      "a Kubernetes Indexed Job",
      [0, 1, 2].map((i) => ({ JOB_COMPLETION_INDEX: String(i), ZABSIM_SHARD_COUNT: "3" })),
    ],
    ["a GitHub Actions matrix", [1, 2].map((k) => ({ ZABSIM_SHARD: `${k}/2` }))],
  ];
  for (const [engine, envs] of engines) {
    it(`${engine}: N processes, each with its index in the environment, merge into exactly the single-process sweep`, () => {
      const CLI = "dist/cli/zabsim.js";
      if (!existsSync(CLI))
        throw new Error(`${CLI} is missing: run 'npm run build' (npm test does) first`);
      const sweep = [
        "run",
        "no-faults",
        "--seeds",
        "1..7",
        "--json",
        "--out",
        join(dir, "env-runs"),
      ];
      const run = (args: string[], env: { [name: string]: string }) =>
        spawnSync(process.execPath, [CLI, ...args], {
          encoding: "utf8",
          env: { ...process.env, CI: "1", ...env },
        });
      const files = envs.map((env, i) => {
        const child = run([...sweep, "--shard", "env"], env);
        expect(child.status, child.stderr).toBe(0);
        return save(`${engine.length}-${i}.jsonl`, child.stdout.trim().split("\n"));
      });
      const merged = run(["merge", ...files, "--json"], {});
      expect(merged.status, merged.stderr).toBe(0);
      const whole = run(sweep, {});
      const withoutWall = (stdout: string) =>
        stdout
          .trim()
          .split("\n")
          .map((line) => {
            const { wall_ms: _wall, ...rest } = JSON.parse(line);
            return rest;
          });
      expect(withoutWall(merged.stdout)).toEqual(withoutWall(whole.stdout));
      expect(merged.stderr).toMatch(/7 seeds: 7 passed, 0 failed, 0 unknown/);
    }, 120_000);
  }
});
