// The example apps of examples/apps/: the sound ones pass a few seeds of a scenario with ensemble faults;
// each broken one fails, at the seed its header names, with the app check's message; and a seed replays to
// the same trace. (Wider sweeps: a hundred seeds per fault scenario, run by hand; see each header.)
import { describe, expect, it } from "vitest";
import { type LoadedApp, loadAppFile } from "../../../scenarios/apps/host/load-app.js";
import { type AppScenarioRun, runAppScenario } from "../../../scenarios/apps/host/run-app.js";
import { builtInScenario } from "../../../scenarios/catalog/index.js";

type Loaded = Extract<LoadedApp, { readonly ok: true }>;

async function load(name: string): Promise<Loaded> {
  const loaded = await loadAppFile(`examples/apps/${name}.js`);
  if (!loaded.ok) throw new Error(loaded.reason);
  return loaded;
}

async function run(name: string, scenarioName: string, seed: number): Promise<AppScenarioRun> {
  const scenario = builtInScenario(scenarioName);
  if (scenario === undefined) throw new Error(`no scenario ${scenarioName}`);
  const app = await load(name);
  return runAppScenario(scenario, seed, app.app, app.loadMain);
}

function appCheck(result: AppScenarioRun): { readonly verdict: string; readonly message: string } {
  const outcome = result.checks.find((check) => check.check === "app");
  if (outcome === undefined) throw new Error("the run has no app check");
  return { verdict: outcome.verdict, message: outcome.message };
}

const SOUND = ["lock", "leader-election", "config-watcher", "membership", "work-queue"] as const;
const SEEDS = [1, 2, 3] as const;

describe("sound example apps pass under ensemble faults (zk-mixed)", () => {
  for (const name of SOUND) {
    it(`${name} passes zk-mixed seeds ${SEEDS.join(", ")}`, async () => {
      for (const seed of SEEDS) {
        const result = await run(name, "zk-mixed", seed);
        expect({ seed, ...appCheck(result) }).toMatchObject({ seed, verdict: "pass" });
        expect(result.verdict, `seed ${seed}`).toBe("pass");
        expect(result.notes.length, `seed ${seed}`).toBeGreaterThan(0);
      }
    });
  }
});

describe("broken example apps fail at the seed their header names", () => {
  it("lock-check-then-create: two holders on zk-no-faults seed 1", async () => {
    const result = await run("lock-check-then-create", "zk-no-faults", 1);
    expect(result.verdict).toBe("fail");
    expect(appCheck(result)).toEqual({
      verdict: "fail",
      message: expect.stringContaining("app-3 acquired the lock at 1005.3 ms while app-1 held it"),
    });
  });

  it("lock-keeps-working-after-disconnect: overlapping work on zk-partitions seed 5", async () => {
    const result = await run("lock-keeps-working-after-disconnect", "zk-partitions", 5);
    expect(appCheck(result)).toEqual({
      verdict: "fail",
      message: expect.stringContaining(
        "app-3 acquired the lock at 2103.823 ms while app-1 was still working",
      ),
    });
  });

  it("lock-watches-wrong-node: a waiter never wakes on zk-no-faults seed 3", async () => {
    const result = await run("lock-watches-wrong-node", "zk-no-faults", 3);
    expect(appCheck(result)).toEqual({
      verdict: "fail",
      message: expect.stringMatching(/^app-1 has not finished main 60 s \(simulated\)/),
    });
  });
});

describe("an app run is deterministic", () => {
  it("the same seed of lock.js on zk-mixed gives the same trace hash and notes twice", async () => {
    const first = await run("lock", "zk-mixed", 3);
    const second = await run("lock", "zk-mixed", 3);
    expect(second.traceHash).toBe(first.traceHash);
    expect(second.notes).toEqual(first.notes);
  });

  it("another seed gives another trace", async () => {
    const first = await run("lock", "zk-mixed", 3);
    const other = await run("lock", "zk-mixed", 4);
    expect(other.traceHash).not.toBe(first.traceHash);
  });
});
