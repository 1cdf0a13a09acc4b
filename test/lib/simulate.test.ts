// simulate and sweep: an app run is a value, the same seed gives the same run, a broken app fails with its
// violation and a repro command, and bad options are refused before anything runs.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AppContext, AppNote } from "../../lib/index.js";
import { simulate, sweep } from "../../lib/index.js";
import { AppRunFailed, expectAppToPass } from "../../lib/vitest.js";

const LOCK = "examples/apps/lock.js";
const BROKEN_LOCK = "test/lib/apps/broken-lock.js";

/** Two instances that each take a "lock" without asking anyone: check finds them both inside at once. */
const noLockAtAll = {
  instances: 2,
  async main(ctx: AppContext) {
    ctx.note("acquired");
    await ctx.sleep(100);
    ctx.note("released");
  },
  check(notes: readonly AppNote[]) {
    const holders = notes.filter((note) => note.event === "acquired").map((note) => note.instance);
    return holders.length > 1 && notes[1]?.event === "acquired"
      ? `${holders.join(" and ")} held it at once`
      : null;
  },
};

describe("simulate, by default", () => {
  it("runs the sound lock on zk-no-faults by default, and it passes", async () => {
    const run = await simulate({ app: LOCK });
    expect(run.verdict).toBe("pass");
    expect(run.scenario.name).toBe("zk-no-faults");
    expect(run.seed).toBe(1);
    // Every instance took the lock in every round of lock.js, and let it go.
    const acquired = run.notes.filter((note) => note.event === "acquired");
    expect(acquired.length).toBeGreaterThan(0);
    expect(acquired.length % 3).toBe(0);
    expect(new Set(acquired.map((note) => note.instance))).toEqual(
      new Set(["app-1", "app-2", "app-3"]),
    );
    expect(run.notes.filter((note) => note.event === "released")).toHaveLength(acquired.length);
    expect(run.checks.map((check) => check.check)).toContain("app");
    expect(run.trace).toHaveLength(0);
    expect(run.repro).toBe("npx zabsim run zk-no-faults --app ./examples/apps/lock.js --seed 1");
  });
});

describe("simulate", () => {
  it("gives the same trace hash for the same seed, and another for another seed", async () => {
    const first = await simulate({ app: LOCK, scenario: "zk-partitions", seed: 7 });
    const again = await simulate({
      app: LOCK,
      scenario: "zk-partitions",
      seed: 7,
      keepTrace: true,
    });
    const other = await simulate({ app: LOCK, scenario: "zk-partitions", seed: 8 });
    expect(again.traceHash).toBe(first.traceHash);
    expect(again.events).toBe(first.events);
    expect(again.trace.length).toBeGreaterThan(0);
    expect(other.traceHash).not.toBe(first.traceHash);
  });

  it("fails a broken app file with its check's message and a repro naming scenario, app, seed and bugs", async () => {
    const run = await simulate({ app: new URL(`../../${BROKEN_LOCK}`, import.meta.url), seed: 2 });
    expect(run.verdict).toBe("fail");
    expect(run.violations[0]?.check).toBe("app");
    expect(run.violations[0]?.message).toMatch(/acquired the lock at .* while app-\d held it/);
    expect(run.repro).toBe(`npx zabsim run zk-no-faults --app ./${BROKEN_LOCK} --seed 2`);
  });

  it("fails a broken inline app object, and has no repro command for it", async () => {
    const run = await simulate({ app: noLockAtAll, seed: 3 });
    expect(run.verdict).toBe("fail");
    expect(run.violations).toHaveLength(1);
    expect(run.violations[0]?.message).toMatch(/^app-1 and app-2 held it at once/);
    expect(run.repro).toBeNull();
    const again = await simulate({ app: noLockAtAll, seed: 3 });
    expect(again.traceHash).toBe(run.traceHash);
  });

  it("reports what main threw as an app violation", async () => {
    const app = {
      main: async (ctx: AppContext) => {
        await ctx.sleep(10);
        throw new Error("boom at 10 ms");
      },
    };
    const run = await simulate({ app });
    expect(run.verdict).toBe("fail");
    expect(run.violations[0]?.message).toContain("boom at 10 ms");
  });

  it("runs a scenario object, system zookeeper by default, and switches planted bugs on", async () => {
    const run = await simulate({
      app: LOCK,
      scenario: { name: "tiny", cluster: { servers: 3 }, durationMs: 2_000, recoveryMs: 2_000 },
      bugs: ["ZOOKEEPER-1208"],
    });
    expect(run.scenario.system).toBe("zookeeper");
    expect(run.scenario.bugs).toEqual(["ZOOKEEPER-1208"]);
    expect(run.repro).toBeNull();
  });

  it("passes each planted bug to the repro command of a built-in scenario", async () => {
    const run = await simulate({
      app: LOCK,
      seed: 5,
      bugs: ["reply-before-watch", "ZOOKEEPER-1208"],
    });
    expect(run.repro).toBe(
      "npx zabsim run zk-no-faults --app ./examples/apps/lock.js --seed 5 --bug ZOOKEEPER-1208 --bug reply-before-watch",
    );
  });
});

describe("simulate's options", () => {
  it("refuses a missing file, a bad export, an unknown scenario, a bad scenario and a bad seed", async () => {
    await expect(simulate({ app: "no/such/app.js" })).rejects.toThrow(/no such file/);
    await expect(simulate({ app: { instances: 0, main: () => {} } })).rejects.toThrow(/instances/);
    await expect(simulate({ app: LOCK, scenario: "zk-partition" })).rejects.toThrow(
      /unknown scenario 'zk-partition'.*zk-partitions/,
    );
    await expect(simulate({ app: LOCK, scenario: { name: "Bad Name" } })).rejects.toThrow(/name/);
    await expect(simulate({ app: LOCK, seed: -1 })).rejects.toThrow(/non-negative integer/);
  });
});

describe("sweep", () => {
  it("runs the seeds in order and passes the sound lock", async () => {
    const result = await sweep({ app: LOCK, seeds: { from: 4, to: 6 } });
    expect(result.runs.map((run) => run.seed)).toEqual([4, 5, 6]);
    expect(result.failures).toEqual([]);
    expect(result.verdict).toBe("pass");
  });

  it("collects every failing seed, or stops at the first with failFast", async () => {
    const all = await sweep({ app: BROKEN_LOCK, seeds: [1, 2] });
    expect(all.verdict).toBe("fail");
    expect(all.failures.map((run) => run.seed)).toEqual([1, 2]);
    expect(all.failures[1]?.repro).toContain("--seed 2");
    const fast = await sweep({ app: BROKEN_LOCK, seeds: 3, failFast: true });
    expect(fast.runs.map((run) => run.seed)).toEqual([1]);
  });

  it("refuses an empty or oversized seed range", async () => {
    await expect(sweep({ app: LOCK, seeds: { from: 5, to: 4 } })).rejects.toThrow(/empty/);
    await expect(sweep({ app: LOCK, seeds: 0 })).rejects.toThrow(/1 to 10,000,000 seeds/);
  });
});

describe("expectAppToPass", () => {
  it("resolves for the sound lock", async () => {
    await expect(expectAppToPass({ app: LOCK, seeds: 2 })).resolves.toEqual({ seedsRun: 2 });
  });

  it("writes the failing seed's run directory and throws with the seed, violation and commands", async () => {
    const out = mkdtempSync(join(tmpdir(), "zabsim-lib-"));
    try {
      const failure = await expectAppToPass({
        app: BROKEN_LOCK,
        scenario: "zk-partitions",
        seeds: 3,
        out,
      }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(AppRunFailed);
      const message = failure instanceof Error ? failure.message : "";
      const dir = join(out, "zk-partitions", "seed-1");
      expect(message).toContain("scenario zk-partitions, seed 1");
      expect(message).toMatch(/app: app-\d acquired the lock/);
      expect(message).toContain(`run dir: ${dir}`);
      expect(message).toContain(`npx zabsim replay ${dir}`);
      expect(message).toContain(`npx zabsim run zk-partitions --app ./${BROKEN_LOCK} --seed 1`);
      const runJson = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")) as {
        seed: number;
        verdict: string;
        app: string;
        repro: string;
      };
      expect(runJson).toMatchObject({
        seed: 1,
        verdict: "fail",
        app: { file: `./${BROKEN_LOCK}`, instances: ["app-1", "app-2", "app-3"] },
      });
      expect(runJson.repro).toContain("--app");
      for (const file of ["trace.jsonl", "history.jsonl", "scenario.json", ".zabsim-run"])
        expect(existsSync(join(dir, file)), file).toBe(true);
      expect(readFileSync(join(dir, "trace.jsonl"), "utf8").length).toBeGreaterThan(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("names the recorded scenario.json in the repro of a scenario object", async () => {
    const out = mkdtempSync(join(tmpdir(), "zabsim-lib-"));
    try {
      const scenario = {
        name: "custom",
        cluster: { servers: 3 },
        durationMs: 3_000,
        recoveryMs: 3_000,
      };
      const error = await expectAppToPass({ app: BROKEN_LOCK, scenario, seeds: 10, out }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppRunFailed);
      const failure = error instanceof AppRunFailed ? error.failures[0] : undefined;
      const seed = failure?.seed ?? -1;
      const dir = join(out, "custom", `seed-${seed}`);
      expect(failure?.runDir).toBe(dir);
      expect(error instanceof Error ? error.message : "").toContain(
        `npx zabsim run --scenario-file ${join(dir, "scenario.json")} --app ./${BROKEN_LOCK} --seed ${seed}`,
      );
      expect(JSON.parse(readFileSync(join(dir, "scenario.json"), "utf8"))).toMatchObject(scenario);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
