// One seed of a scenario, with or without a user's app: the one place the CLI decides which runner runs it
// (scenarios/runner for the scenario alone, scenarios/apps for an app). App files are loaded once per process
// (each run still gets fresh copies of the app's own modules). The app host is loaded only for app runs.

import type { LoadedApp } from "../../scenarios/apps/host/load-app.js";
import type { AppScenarioRun } from "../../scenarios/apps/host/run-app.js";
import { type RunOptions, runScenario, type ScenarioRun } from "../../scenarios/runner/index.js";
import type { Scenario } from "../../scenarios/schema/index.js";
import { UsageError } from "../cli-io.js";

/** An app as a run names it: the file as given (for repro commands) and its absolute path. */
export interface AppRef {
  readonly file: string;
  readonly path: string;
}

const loaded = new Map<string, Promise<LoadedApp>>();

/** The app file loaded and checked (once per process); a file that breaks the contract is bad input. */
export async function loadApp(app: AppRef): Promise<Extract<LoadedApp, { ok: true }>> {
  let loading = loaded.get(app.path);
  if (loading === undefined) {
    loading = import("../../scenarios/apps/host/load-app.js").then(({ loadAppFile }) =>
      loadAppFile(app.path),
    );
    loaded.set(app.path, loading);
  }
  const result = await loading;
  if (!result.ok)
    throw new UsageError(`--app ${app.file}: ${result.reason.replace(`${app.path}: `, "")}`);
  return result;
}

export function isAppRun(run: ScenarioRun): run is AppScenarioRun {
  return "notes" in run;
}

export async function runWithApp(
  scenario: Scenario,
  app: AppRef | null,
  seed: number,
  options: RunOptions = {},
): Promise<ScenarioRun> {
  if (app === null) return runScenario(scenario, seed, options);
  if (scenario.system !== "zookeeper") {
    throw new UsageError(
      `--app needs a zookeeper scenario; ${scenario.name} runs the ${scenario.system} system`,
    );
  }
  const { app: module, loadMain } = await loadApp(app);
  const { runAppScenario } = await import("../../scenarios/apps/host/run-app.js");
  return runAppScenario(scenario, seed, module, loadMain, options);
}
