// What a user relies on without reading the source (issue 14): output paths are checked before any work,
// nothing zabsim did not write is ever deleted or replaced, zabsim's own failures exit 4 with the stack in a
// file, Ctrl-C stops a sweep cleanly (130) with what it has, and a worker thread that dies fails its seed.
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../bin/cli-io.js";
import { main } from "../../bin/main.js";
import { runSeeds } from "../../bin/run/index.js";
import type { SeedResult } from "../../bin/run/seed-result.js";
import { builtInScenario } from "../../scenarios/catalog/index.js";
import { capture } from "./capture.js";

const fresh = () => mkdtempSync(join(tmpdir(), "zabsim-trust-"));

/** Every file and folder under `dir`, recursively, for "nothing else changed". */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

describe("output paths are checked before any work", () => {
  const dir = fresh();
  writeFileSync(join(dir, "a-file"), "mine\n");
  const cases: [string, string[], RegExp][] = [
    [
      "--junit into a missing folder",
      ["run", "--seeds", "1..2", "--junit", join(dir, "no", "j.xml")],
      /--junit .*: the folder .* does not exist/,
    ],
    [
      "--junit onto a folder",
      ["run", "--seeds", "1..2", "--junit", dir],
      /--junit .*: is a folder/,
    ],
    [
      "--out onto a file",
      ["run", "--seeds", "1..2", "--out", join(dir, "a-file")],
      /--out .*: is a file; a folder is needed/,
    ],
    [
      "--out under a file",
      ["run", "--seeds", "1..2", "--out", join(dir, "a-file", "x")],
      /--out .*a-file is a file/,
    ],
    [
      "--out with a name too long",
      ["run", "--seeds", "1..2", "--out", join(dir, "x".repeat(300))],
      /the name 'x+\.\.\.' is too long/,
    ],
    ["report --html onto a folder", ["report", dir, "--html", dir], /--html .*: is a folder/],
    [
      "report --html into a missing folder",
      ["report", dir, "--html", join(dir, "no", "r.html")],
      /does not exist/,
    ],
    [
      "shrink --out .",
      ["shrink", dir, "--out", "."],
      /is the current folder or one of its parents/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(`${what}: exit 2, one line, nothing run or written`, async () => {
      const before = tree(dir);
      const io = capture();
      expect(await main(args, io)).toBe(2);
      expect(io.stdout).toEqual([]);
      expect(io.stderr).toHaveLength(1);
      expect(io.stderr[0]).toMatch(message);
      expect(tree(dir)).toEqual(before);
      expect(readFileSync(join(dir, "a-file"), "utf8")).toBe("mine\n");
    });
  }
});

describe("zabsim never deletes what it did not write", () => {
  const failing = ["run", "partition-crash", "--bug", "commit-without-quorum", "--seed", "2"];

  it("refuses, before running, a run directory's place taken by the user's folder, and leaves it alone", async () => {
    const out = fresh();
    const mine = join(out, "partition-crash", "seed-2");
    mkdirSync(mine, { recursive: true });
    writeFileSync(join(mine, "notes.txt"), "do not delete\n");
    const io = capture();
    expect(await main([...failing, "--out", out], io)).toBe(2);
    expect(io.stdout).toEqual([]);
    expect(io.stderr[0]).toMatch(/seed-2 exists and is not a zabsim run directory/);
    expect(tree(out)).toEqual([
      "partition-crash",
      "partition-crash/seed-2",
      "partition-crash/seed-2/notes.txt",
    ]);
  });

  it("replaces its own run directory, marked as such, and leaves no staging folder", async () => {
    const out = fresh();
    for (let i = 0; i < 2; i++) expect(await main([...failing, "--out", out], capture())).toBe(1);
    const dir = join(out, "partition-crash", "seed-2");
    expect(readFileSync(join(dir, ".zabsim-run"), "utf8")).toMatch(/zabsim run directory/);
    expect(readdirSync(join(out, "partition-crash"))).toEqual(["seed-2"]);
  });

  it("shrink --out refuses a folder or a file of the user's, and leaves them as they were", async () => {
    const out = fresh();
    expect(await main([...failing, "--out", out], capture())).toBe(1);
    const run = join(out, "partition-crash", "seed-2");
    const folder = join(out, "important");
    mkdirSync(folder);
    writeFileSync(join(folder, "a.txt"), "keep\n");
    writeFileSync(join(out, "important.txt"), "keep\n");
    for (const target of [folder, join(out, "important.txt")]) {
      const io = capture();
      expect(await main(["shrink", run, "--out", target], io)).toBe(2);
      expect(io.stderr[0]).toMatch(
        /exists and is not a zabsim run directory|is a file; a folder is needed/,
      );
    }
    expect(readFileSync(join(folder, "a.txt"), "utf8")).toBe("keep\n");
    expect(readFileSync(join(out, "important.txt"), "utf8")).toBe("keep\n");
    expect(tree(out).filter((f) => f.includes(".tmp-") || f.includes(".old-"))).toEqual([]);
  });
});

describe("zabsim's own failures", () => {
  it("exit 4 with one line naming the file the stack went to, never a stack trace", async () => {
    const io = capture();
    const broken: CliIo = {
      ...io,
      out: () => {
        throw new TypeError("the output went away");
      },
    };
    expect(await main(["list", "scenarios"], broken)).toBe(4);
    expect(io.stderr).toHaveLength(1);
    const line = io.stderr[0] as string;
    expect(line).toMatch(
      /^zabsim list: internal error \(a bug in zabsim, please report it\): TypeError: the output went away; the stack is in (\S+)$/,
    );
    const file = /the stack is in (\S+)$/.exec(line)?.[1] as string;
    expect(readFileSync(file, "utf8")).toMatch(/TypeError: the output went away\n\s+at /);
  });
});

describe("Ctrl-C during a sweep", () => {
  it("stops after the seed in progress: the summary so far, the JUnit file of the finished seeds, exit 130", async () => {
    const out = fresh();
    const junit = join(out, "j.xml");
    const controller = new AbortController();
    const io = capture();
    const interrupted: CliIo = {
      ...io,
      out: (line) => {
        io.out(line);
        if (io.stdout.length === 2) controller.abort();
      },
      interruptible: () => controller.signal,
    };
    const args = ["run", "no-faults", "--seeds", "1..6", "--junit", junit, "--out", out];
    expect(await main(args, interrupted)).toBe(130);
    expect(io.stdout.filter((line) => line.startsWith("seed "))).toHaveLength(2);
    expect(io.stderr).toContain(
      "interrupted: stopped after 2 of 6 seeds (the summary counts those)",
    );
    expect(io.stderr.at(-1)).toMatch(/^2 seeds: 2 passed, 0 failed, 0 unknown/);
    expect(readFileSync(junit, "utf8").match(/<testcase /g)).toHaveLength(2);
    expect(tree(out).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });
});

describe("a worker thread that dies", () => {
  it("fails the seed it held (check internal), is replaced, and the sweep ends with every seed", async () => {
    const scenario = builtInScenario("no-faults");
    if (scenario === undefined) throw new Error("no-faults is missing");
    const results: SeedResult[] = [];
    await runSeeds(
      { kind: "scenario", scenario, app: null },
      [1, 2, 3, 4, 5, 6],
      2,
      (result) => {
        results.push(result);
        return true;
      },
      { workerUrl: new URL("../support/dying-worker.mjs", import.meta.url) },
    );
    expect(results.map((r) => [r.seed, r.verdict])).toEqual([
      [1, "pass"],
      [2, "pass"],
      [3, "fail"],
      [4, "pass"],
      [5, "fail"],
      [6, "pass"],
    ]);
    expect(results[2]?.violations).toEqual([
      { check: "internal", message: "the worker thread exited with code 7" },
    ]);
    expect(results[4]?.violations[0]?.message).toMatch(
      /the worker thread failed: worker blew up on seed 5/,
    );
  });
});

describe("Ctrl-C in a real process", () => {
  it("SIGINT stops the sweep after the seed in progress: summary, exit 130, no staging folder", async () => {
    const CLI = "dist/cli/zabsim.js";
    if (!existsSync(CLI))
      throw new Error(`${CLI} is missing: run 'npm run build' (npm test does) first`);
    const out = fresh();
    const child = spawn(
      process.execPath,
      [CLI, "run", "no-faults", "--seeds", "1..500", "--out", out],
      {
        env: { ...process.env, CI: "1" },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        const first = stdout === "";
        stdout += chunk;
        if (first) child.kill("SIGINT");
      });
      child.on("exit", (exitCode: number | null) => resolve(exitCode));
    });
    expect(code).toBe(130);
    const seeds = stdout.split("\n").filter((line) => line.startsWith("seed ")).length;
    expect(seeds).toBeGreaterThan(0);
    expect(seeds).toBeLessThan(500);
    expect(stderr).toMatch(new RegExp(`interrupted: stopped after ${seeds} of 500 seeds`));
    expect(stderr).toMatch(new RegExp(`${seeds} seeds?: ${seeds} passed`));
    expect(tree(out).filter((f) => f.includes(".tmp-"))).toEqual([]);
  }, 60_000);
});
