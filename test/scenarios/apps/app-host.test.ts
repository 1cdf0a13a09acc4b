// The app host's contract (scenarios/apps/host), with tiny app files written to a temporary folder: time,
// randomness and timers are the simulation's; real I/O, a throwing or unfinished main and an unhandled
// rejection fail the run naming the instance; a check's message points at the note that broke it; and
// every instance has its own copy of the module.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadAppFile } from "../../../scenarios/apps/host/load-app.js";
import { type AppScenarioRun, runAppScenario } from "../../../scenarios/apps/host/run-app.js";
import { builtInScenario } from "../../../scenarios/catalog/index.js";
import type { CheckOutcome } from "../../../scenarios/systems/index.js";

const folder = mkdtempSync(join(tmpdir(), "zabsim-app-host-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const files: { count: number } = { count: 0 };

/** Writes `source` as an app file and runs it on zk-no-faults at `seed`. */
async function runApp(source: string, seed = 1): Promise<AppScenarioRun> {
  const file = join(folder, `app-${++files.count}.js`);
  writeFileSync(file, source);
  const loaded = await loadAppFile(file);
  if (!loaded.ok) throw new Error(loaded.reason);
  const scenario = builtInScenario("zk-no-faults");
  if (scenario === undefined) throw new Error("no scenario zk-no-faults");
  return runAppScenario(scenario, seed, loaded.app, loaded.loadMain);
}

function appCheck(run: AppScenarioRun): CheckOutcome {
  const outcome = run.checks.find((check) => check.check === "app");
  if (outcome === undefined) throw new Error("the run has no app check");
  return outcome;
}

const CLOCK_APP = `
export const instances = 2;
export async function main(ctx) {
  const before = { date: Date.now(), perf: performance.now(), random: Math.random() };
  await new Promise((resolve) => setTimeout(resolve, 250));
  ctx.note("clock", { ...before, dateAfter: Date.now(), perfAfter: performance.now(), random2: Math.random() });
}
`;

describe("time and randomness in app code are the simulation's", () => {
  it("the same seed notes the same values; another seed notes other values", async () => {
    const first = await runApp(CLOCK_APP, 7);
    const again = await runApp(CLOCK_APP, 7);
    const other = await runApp(CLOCK_APP, 8);
    expect(first.verdict).toBe("pass");
    expect(first.notes).toHaveLength(2);
    expect(again.notes).toEqual(first.notes);
    expect(other.notes.map((note) => note.random)).not.toEqual(
      first.notes.map((note) => note.random),
    );
  });

  it("Date.now() and performance.now() advance by exactly the simulated time slept", async () => {
    const run = await runApp(CLOCK_APP, 7);
    for (const note of run.notes) {
      expect(Number(note.dateAfter) - Number(note.date)).toBe(250);
      expect(Number(note.perfAfter) - Number(note.perf)).toBeCloseTo(250, 6);
      // 2024-01-01T00:00:00Z at simulated time 0, not the wall clock.
      expect(Number(note.date)).toBeLessThan(Date.UTC(2024, 0, 2));
    }
  });
});

describe("what fails an app run, naming the instance", () => {
  it("real I/O: net.connect fails the run with check app, naming net.connect", async () => {
    const run = await runApp(`
      import net from "node:net";
      export async function main(ctx) { net.connect(2181, "n1"); }
    `);
    expect(run.verdict).toBe("fail");
    expect(appCheck(run).verdict).toBe("fail");
    expect(appCheck(run).message).toMatch(/^app-1 used net\.connect/);
  });

  it("a main that throws fails the run, naming the instance", async () => {
    const run = await runApp(`
      export async function main(ctx) { await ctx.sleep(10); throw new Error("boom"); }
    `);
    expect(appCheck(run).verdict).toBe("fail");
    expect(appCheck(run).message).toMatch(/^app-1: main threw: .*boom/);
  });

  it("a main that never finishes fails the run: the instance has not finished main", async () => {
    const run = await runApp(`
      export async function main(ctx) { await new Promise(() => {}); }
    `);
    expect(appCheck(run).verdict).toBe("fail");
    expect(appCheck(run).message).toMatch(/^app-1 has not finished main/);
  });

  it("an unhandled promise rejection in app code fails the run", async () => {
    const run = await runApp(`
      export async function main(ctx) {
        Promise.reject(new Error("nobody catches this"));
        await ctx.sleep(10);
      }
    `);
    expect(appCheck(run).verdict).toBe("fail");
    expect(appCheck(run).message).toMatch(/^app-1: unhandled rejection: .*nobody catches this/);
  });
});

describe("the app's check and module state", () => {
  it("a check's message fails the run, at the instance of the note that broke it", async () => {
    const run = await runApp(`
      export const instances = 3;
      export async function main(ctx) {
        for (let step = 0; step < 3; step++) {
          await ctx.sleep(100 * (ctx.index + 1));
          ctx.note(ctx.id === "app-2" && step === 1 ? "bad" : "good", { step });
        }
      }
      export function check(notes) {
        const bad = notes.find((note) => note.event === "bad");
        return bad === undefined ? null : "a bad note from " + bad.instance;
      }
    `);
    const outcome = appCheck(run);
    expect(outcome.verdict).toBe("fail");
    expect(outcome.message).toMatch(/^a bad note from app-2/);
    expect(outcome.violations[0]?.at?.node).toBe("app-2");
  });

  it("module state is per instance: a module-level counter is 1 in every instance", async () => {
    const run = await runApp(`
      export const instances = 3;
      let count = 0;
      export async function main(ctx) { count++; ctx.note("count", { count }); }
    `);
    expect(run.verdict).toBe("pass");
    expect(run.notes.map((note) => [note.instance, note.count])).toEqual(
      expect.arrayContaining([
        ["app-1", 1],
        ["app-2", 1],
        ["app-3", 1],
      ]),
    );
    expect(run.notes).toHaveLength(3);
  });
});
