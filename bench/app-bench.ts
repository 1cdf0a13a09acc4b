// `npm run bench -- apps/lock-vs-recipe`: a user's app against the built-in recipe of the same shape, in one
// process, alternating rounds and keeping each one's best: the lock example (examples/apps/lock.js, three
// instances through the simulated node-zookeeper-client and the app host) against the built-in lock recipe
// (three recipe clients, pure programs), both on five servers without faults over the same seeds. Reported:
// simulated events per wall second of each, and their ratio (target: the app at least a third of the recipe).
import { fileURLToPath } from "node:url";
import { loadAppFile } from "../scenarios/apps/host/load-app.js";
import { runAppScenario } from "../scenarios/apps/host/run-app.js";
import { builtInScenario } from "../scenarios/catalog/index.js";
import { runScenario } from "../scenarios/runner/index.js";
import { parseScenario, type Scenario } from "../scenarios/schema/index.js";

export const APP_BENCH_CASES = [{ name: "apps/lock-vs-recipe" }] as const;

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const ROUNDS = 5;
const TARGET_RATIO = 1 / 3;

export interface AppBenchResult {
  readonly name: string;
  readonly app_events_per_s: number;
  readonly recipe_events_per_s: number;
  readonly ratio: number;
  readonly target_ratio: number;
  readonly app_events: number;
  readonly recipe_events: number;
  readonly app_verdicts: readonly string[];
  readonly recipe_verdicts: readonly string[];
  readonly seeds: number;
  readonly rounds: number;
}

function scenarios(): { readonly app: Scenario; readonly recipe: Scenario } {
  const base = builtInScenario("zk-no-faults");
  if (base === undefined) throw new Error("zk-no-faults is missing");
  const recipe = parseScenario({
    ...base,
    name: "bench-lock-recipe",
    // What an app run checks (its ensemble liveness gives way to the app's own): the same work on both sides.
    checks: ["zookeeper-consistency", "zab-invariants", "sessions", "recipes"],
    clients: {
      ...base.clients,
      count: 0,
      recipes: [{ recipe: "lock", clients: 3, rounds: 3, writes: 1, resource: "fenced" }],
    },
  });
  if (!recipe.ok) throw new Error(recipe.issues.map((i) => i.message).join("; "));
  return { app: base, recipe: recipe.scenario };
}

export async function measureApps(): Promise<AppBenchResult> {
  const file = fileURLToPath(new URL("../../examples/apps/lock.js", import.meta.url));
  const loaded = await loadAppFile(file);
  if (!loaded.ok) throw new Error(loaded.reason);
  const { app, recipe } = scenarios();
  let appBest = Number.POSITIVE_INFINITY;
  let recipeBest = Number.POSITIVE_INFINITY;
  let appEvents = 0;
  let recipeEvents = 0;
  let appVerdicts: string[] = [];
  let recipeVerdicts: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let started = process.hrtime.bigint();
    const recipeRuns = SEEDS.map((seed) => runScenario(recipe, seed));
    recipeBest = Math.min(recipeBest, Number(process.hrtime.bigint() - started) / 1e9);
    recipeEvents = recipeRuns.reduce((sum, run) => sum + run.events, 0);
    recipeVerdicts = recipeRuns.map((run) => run.verdict);
    started = process.hrtime.bigint();
    const appRuns = [];
    for (const seed of SEEDS)
      appRuns.push(await runAppScenario(app, seed, loaded.app, loaded.loadMain));
    appBest = Math.min(appBest, Number(process.hrtime.bigint() - started) / 1e9);
    appEvents = appRuns.reduce((sum, run) => sum + run.events, 0);
    appVerdicts = appRuns.map((run) => run.verdict);
  }
  const appPerS = Math.round(appEvents / appBest);
  const recipePerS = Math.round(recipeEvents / recipeBest);
  return {
    name: APP_BENCH_CASES[0].name,
    app_events_per_s: appPerS,
    recipe_events_per_s: recipePerS,
    ratio: Number((appPerS / recipePerS).toFixed(3)),
    target_ratio: Number(TARGET_RATIO.toFixed(3)),
    app_events: appEvents,
    recipe_events: recipeEvents,
    app_verdicts: appVerdicts,
    recipe_verdicts: recipeVerdicts,
    seeds: SEEDS.length,
    rounds: ROUNDS,
  };
}
