// One seed of a scenario with a user's app as its clients: the runner's generator (scenarios/runner) driven
// here, giving the app host its turns between events. The only asynchronous runner.
import { micros } from "../../../sim/api/index.js";
import type { Simulation } from "../../../sim/kernel/index.js";
import {
  type RunApp,
  type RunOptions,
  runScenarioSteps,
  type ScenarioRun,
} from "../../runner/index.js";
import type { CheckName, Scenario } from "../../schema/index.js";
import type { CheckOutcome, CheckWindow, Violation } from "../../systems/index.js";
import type { AppBridge } from "../app-bridge.js";
import { type AppModule, type AppNote, instanceName } from "../app-module.js";
import { appNode } from "../app-node.js";
import { appInstanceOfProcess } from "../process-pool.js";
import { type AppFailure, AppHost, type LoadMain } from "./app-host.js";
import { checkNotes } from "./check-notes.js";
import { installVirtualGlobals } from "./virtual-globals.js";

/** How long past the scenario's end an app run waits for every instance to finish `main` (simulated). */
export const APP_FINISH_CAP_MS = 60_000;

export interface AppScenarioRun extends ScenarioRun {
  readonly notes: readonly AppNote[];
  readonly instances: readonly string[];
}

/** The checks of an app run: the ensemble's liveness and the recipes give way to the app's own (`app`). */
export function appRunScenario(scenario: Scenario): Scenario {
  const checks: readonly CheckName[] = scenario.checks ?? [
    "zookeeper-consistency",
    "zab-invariants",
    "sessions",
  ];
  return {
    ...scenario,
    checks: checks.filter((check) => check !== "liveness" && check !== "recipes"),
  };
}

export async function runAppScenario(
  scenario: Scenario,
  seed: number,
  app: AppModule,
  loadMain: LoadMain,
  options: RunOptions = {},
): Promise<AppScenarioRun> {
  const uninstall = installVirtualGlobals();
  const holder: { host: AppHost | null } = { host: null };
  const bridge = forwardingBridge(holder);
  const instances = Array.from({ length: app.instances }, (_, i) => instanceName(i));
  const plug: RunApp = {
    get pending() {
      return holder.host?.pending ?? false;
    },
    clients: {
      names: instances,
      addTo: (sim) => {
        for (const name of instances) sim.addNode(name, appNode(bridge));
      },
      clientOfProcess: (process) => {
        const index = appInstanceOfProcess(process);
        return index === null ? undefined : instanceName(index);
      },
    },
    instances,
    finishCapUs: micros(APP_FINISH_CAP_MS * 1_000),
    unfinished: () => holder.host?.unfinished() ?? instances,
    outcomes: (window) => appOutcomes(app, holder.host, window),
    end: () => holder.host?.end(),
  };
  const onSimulation = (sim: Simulation) => {
    options.onSimulation?.(sim);
    holder.host = new AppHost(sim, app, serverNamesOf(scenario), loadMain);
  };
  try {
    const steps = runScenarioSteps(
      appRunScenario(scenario),
      seed,
      { ...options, onSimulation },
      plug,
    );
    for (;;) {
      const step = steps.next();
      if (step.done === true) {
        return { ...step.value, notes: holder.host?.notes ?? [], instances };
      }
      await holder.host?.pump();
    }
  } finally {
    holder.host?.end();
    uninstall();
  }
}

function forwardingBridge(holder: { readonly host: AppHost | null }): AppBridge {
  const host = (): AppHost => {
    if (holder.host === null) throw new Error("an app node stepped before its host was made");
    return holder.host;
  };
  return {
    started: (instance) => host().started(instance),
    timerFired: (instance, timer) => host().timerFired(instance, timer),
    replied: (instance, requestId, outcome) => host().replied(instance, requestId, outcome),
    handleEvent: (instance, handle, event) => host().handleEvent(instance, handle, event),
  };
}

function appOutcomes(app: AppModule, host: AppHost | null, window: CheckWindow): CheckOutcome[] {
  if (host === null) return [];
  const failures: AppFailure[] = [...host.failures];
  const capS = APP_FINISH_CAP_MS / 1_000;
  for (const instance of host.unfinished()) {
    failures.push({
      instance,
      message: `${instance} has not finished main ${capS} s (simulated) after the scenario's end, with every fault healed at ${(window.healedAtUs / 1e6).toFixed(3)} s`,
      timeUs: window.endUs,
    });
  }
  const violations: Violation[] = failures.map((f) => ({
    check: "app",
    message: f.message,
    at: { node: f.instance, timeUs: f.timeUs, client: f.instance },
  }));
  if (violations.length === 0 && app.check !== undefined) {
    const verdict = checkNotes(app.check, host.notes);
    if (verdict !== null) {
      violations.push({
        check: "app",
        message: verdict.message,
        ...(verdict.at === undefined ? {} : { at: verdict.at }),
        ...(verdict.story === undefined ? {} : { story: verdict.story }),
      });
    }
  }
  if (violations.length > 0) {
    return [
      {
        check: "app",
        verdict: "fail",
        violations: violations.slice(0, 20),
        violationCount: violations.length,
        message: violations[0]?.message ?? "",
      },
    ];
  }
  const checked =
    app.check === undefined ? "no check exported" : `check passed over ${host.notes.length} notes`;
  return [
    {
      check: "app",
      verdict: "pass",
      violations: [],
      message: `${host.instances.length} instances finished main; ${checked}`,
    },
  ];
}

/** The zookeeper system's servers (scenarios/systems/zookeeper-system.ts names them so). */
function serverNamesOf(scenario: Scenario): readonly string[] {
  const voters = Array.from({ length: scenario.cluster.servers }, (_, i) => `n${i + 1}`);
  const observers = Array.from({ length: scenario.cluster.observers }, (_, i) => `o${i + 1}`);
  return [...voters, ...observers];
}
