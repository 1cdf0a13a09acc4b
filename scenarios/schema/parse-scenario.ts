// Validating a scenario: the zod schema, then the checks that span fields (nodes a schedule names exist, the
// system supports the ops, checks and recipes asked for). Every problem is an issue with a field path; a file's
// issues also carry the line. Pure: bin/ reads the file and hands over its text.
import type { z } from "zod";
import { isServerBug } from "../../protocol/planted-bugs/index.js";
import { jsonTooDeepAt, MAX_NESTING_DEPTH } from "../../sim/history/index.js";
import { nodesNamedBy } from "../../sim/nemesis/index.js";
import { lineOfPath } from "./json-location.js";
import { grouped, MAX_PLANNED_FAULTS, MAX_PLANNED_OPS, MAX_PROBES } from "./limits.js";
import { asNemesisOp } from "./nemesis-schema.js";
import { type Scenario, scenarioSchema } from "./scenario-schema.js";
import { SYSTEM_CAPABILITIES } from "./system-capabilities.js";

export interface ScenarioIssue {
  /** `nemesis.faults[2]`; empty for the whole document. */
  readonly path: string;
  readonly keys: readonly (string | number)[];
  readonly message: string;
  readonly line?: number;
}

export type ScenarioParse =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

/** Validates a value (a built-in scenario, or parsed JSON). */
export function parseScenario(value: unknown): ScenarioParse {
  const parsed = scenarioSchema.safeParse(value);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map(fromZod) };
  const issues = crossFieldIssues(parsed.data);
  return issues.length === 0 ? { ok: true, scenario: parsed.data } : { ok: false, issues };
}

/** Validates JSON text; issues carry the line of the field they name. */
export function parseScenarioText(text: string): ScenarioParse {
  // Validation recurses into values (an explicit op's `value`), so depth is bounded before parsing.
  const deepAt = jsonTooDeepAt(text);
  if (deepAt >= 0) {
    const message = `nested more than ${MAX_NESTING_DEPTH} levels deep (the limit for a scenario file)`;
    return {
      ok: false,
      issues: [{ path: "", keys: [], message, line: lineOfLength(text, deepAt) }],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [jsonSyntaxIssue(text, error as Error)] };
  }
  const result = parseScenario(value);
  if (result.ok) return result;
  const issues = result.issues.map((issue) => ({ ...issue, line: lineOfPath(text, issue.keys) }));
  return { ok: false, issues };
}

/** `file:12: nemesis.faults[2]: Invalid option ...`, one line per issue. */
export function formatIssues(source: string, issues: readonly ScenarioIssue[]): string {
  return issues
    .map((issue) => {
      const where = issue.line === undefined ? source : `${source}:${issue.line}`;
      return `${where}: ${issue.path === "" ? "(document)" : issue.path}: ${issue.message}`;
    })
    .join("\n");
}

function fromZod(issue: z.core.$ZodIssue): ScenarioIssue {
  const keys = issue.path.filter((k): k is string | number => typeof k !== "symbol");
  return { path: pathText(keys), keys, message: issue.message };
}

export function pathText(keys: readonly (string | number)[]): string {
  let text = "";
  for (const key of keys)
    text += typeof key === "number" ? `[${key}]` : text === "" ? key : `.${key}`;
  return text;
}

function issue(keys: readonly (string | number)[], message: string): ScenarioIssue {
  return { path: pathText(keys), keys, message };
}

function crossFieldIssues(scenario: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const caps = SYSTEM_CAPABILITIES[scenario.system];
  if (!caps.built) {
    issues.push(issue(["system"], `the '${scenario.system}' system is not built yet`));
  }
  for (const op of Object.keys(scenario.clients.mix)) {
    if (!caps.ops.includes(op as never))
      issues.push(issue(["clients", "mix", op], `the ${scenario.system} system serves no '${op}'`));
  }
  if (scenario.clients.recipes.length > 0 && !caps.recipes)
    issues.push(issue(["clients", "recipes"], `the ${scenario.system} system runs no recipes`));
  (scenario.checks ?? []).forEach((check, i) => {
    if (!caps.checks.includes(check))
      issues.push(issue(["checks", i], `the ${scenario.system} system has no '${check}' check`));
  });
  if (scenario.network.detectionMaxMs < scenario.network.detectionMinMs)
    issues.push(issue(["network", "detectionMaxMs"], "must be at least detectionMinMs"));
  scenario.bugs.forEach((bug, i) => {
    // A server bug is a switch in the ZooKeeper server: a run without one would pass it silently.
    if (isServerBug(bug) && scenario.system !== "zookeeper")
      issues.push(
        issue(
          ["bugs", i],
          `${bug} is a ZooKeeper server bug; the ${scenario.system} system runs no ZooKeeper server`,
        ),
      );
  });
  issues.push(...nodeIssues(scenario), ...scheduleIssues(scenario), ...sizeIssues(scenario));
  return issues;
}

/**
 * Every hand-written fault happens, and a pause ends, by durationMs: the recovery window follows the faults,
 * and a late op would silently stretch the run. (A generated fault heals at durationMs at the latest, so a
 * shrunk run's schedule passes.) Compared in µs, as the runner rounds them.
 */
function scheduleIssues(scenario: Scenario): ScenarioIssue[] {
  if (scenario.nemesis.kind !== "schedule") return [];
  const { durationMs } = scenario;
  const durationUs = Math.round(durationMs * 1_000);
  const issues: ScenarioIssue[] = [];
  scenario.nemesis.ops.forEach((item, i) => {
    const atUs = Math.round(item.atMs * 1_000);
    if (atUs > durationUs) {
      issues.push(
        issue(
          ["nemesis", "ops", i, "atMs"],
          `${item.atMs} is after durationMs ${durationMs}; faults happen in [0, durationMs]`,
        ),
      );
    } else if (item.op.f === "pause" && atUs + (item.op.durationUs ?? 0) > durationUs) {
      const endMs = (atUs + (item.op.durationUs ?? 0)) / 1_000;
      issues.push(
        issue(
          ["nemesis", "ops", i, "op", "durationUs"],
          `the pause ends at ${endMs} ms, after durationMs ${durationMs}; every fault is healed by durationMs`,
        ),
      );
    }
  });
  return issues;
}

/** What the run will plan up front (client ops, fault windows, probes) stays bounded (limits.ts). */
function sizeIssues(scenario: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const runMs = scenario.durationMs + scenario.recoveryMs;
  const { count, everyMs } = scenario.clients;
  const plannedOps = scenario.clients.ops === undefined ? (count * runMs) / everyMs : 0;
  if (plannedOps > MAX_PLANNED_OPS) {
    issues.push(
      issue(
        ["clients", "everyMs"],
        `about ${grouped(Math.round(plannedOps))} client ops (clients.count × (durationMs + recoveryMs) / everyMs); at most ${grouped(MAX_PLANNED_OPS)}: raise everyMs or shorten the run`,
      ),
    );
  }
  const nemesis = scenario.nemesis;
  if (nemesis.kind === "generator" && typeof nemesis.intensity === "object") {
    const faults = (scenario.durationMs - nemesis.startMs) / nemesis.intensity.meanGapMs;
    if (faults > MAX_PLANNED_FAULTS) {
      issues.push(
        issue(
          ["nemesis", "intensity", "meanGapMs"],
          `about ${grouped(Math.round(faults))} faults ((durationMs - startMs) / meanGapMs); at most ${grouped(MAX_PLANNED_FAULTS)}: raise meanGapMs`,
        ),
      );
    }
  }
  const probes = scenario.monitorEveryMs === 0 ? 0 : runMs / scenario.monitorEveryMs;
  if (probes > MAX_PROBES) {
    issues.push(
      issue(
        ["monitorEveryMs"],
        `about ${grouped(Math.round(probes))} probes ((durationMs + recoveryMs) / monitorEveryMs); at most ${grouped(MAX_PROBES)}`,
      ),
    );
  }
  return issues;
}

/**
 * A schedule may name the servers and observers, and with the zookeeper system its client nodes too (a
 * paused lock holder); explicit ops name the client's home server.
 */
function nodeIssues(scenario: Scenario): ScenarioIssue[] {
  const servers = new Set(nodeNames(scenario));
  const known = new Set([...servers, ...clientNodeNames(scenario)]);
  // An app's instances (app-1, ...) may be named too; how many there are is known when the app is loaded.
  const isAppInstance = (name: string) =>
    scenario.system === "zookeeper" && /^app-[1-9]\d*$/.test(name);
  const issues: ScenarioIssue[] = [];
  if (scenario.nemesis.kind === "schedule") {
    scenario.nemesis.ops.forEach((item, i) => {
      for (const name of nodesNamedBy(asNemesisOp(item.op))) {
        if (!known.has(name) && !isAppInstance(name))
          issues.push(issue(["nemesis", "ops", i, "op"], `names unknown node '${name}'`));
      }
    });
  }
  (scenario.clients.ops ?? []).forEach((op, i) => {
    if (!servers.has(op.node))
      issues.push(issue(["clients", "ops", i, "node"], `unknown node '${op.node}'`));
  });
  return issues;
}

/** Servers are n1..nN, observers o1..oM. */
export function nodeNames(scenario: Scenario): string[] {
  const servers = Array.from({ length: scenario.cluster.servers }, (_, i) => `n${i + 1}`);
  const observers = Array.from({ length: scenario.cluster.observers }, (_, i) => `o${i + 1}`);
  return [...servers, ...observers];
}

/**
 * The zookeeper system's client nodes: workload clients c1..cN, then each recipe's clients
 * `<recipe>-1..<recipe>-M` and a lock's `lock-resource`. The zab system has none (clients are requests).
 */
export function clientNodeNames(scenario: Scenario): string[] {
  if (scenario.system !== "zookeeper") return [];
  const names = Array.from({ length: workloadClientCount(scenario) }, (_, i) => `c${i + 1}`);
  for (const spec of scenario.clients.recipes) {
    for (let j = 1; j <= spec.clients; j++) names.push(`${spec.recipe}-${j}`);
    if (spec.recipe === "lock") names.push("lock-resource");
  }
  return names;
}

/** Workload clients: `clients.count`, or as many as an explicit op list names. */
export function workloadClientCount(scenario: Scenario): number {
  const named = (scenario.clients.ops ?? []).reduce((max, op) => Math.max(max, op.client + 1), 0);
  return Math.max(scenario.clients.count, named);
}

function jsonSyntaxIssue(text: string, error: Error): ScenarioIssue {
  const position = /position (\d+)/.exec(error.message);
  const line = position === null ? undefined : lineOfLength(text, Number(position[1]));
  return {
    path: "",
    keys: [],
    message: `not valid JSON: ${error.message}`,
    ...(line === undefined ? {} : { line }),
  };
}

function lineOfLength(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}
