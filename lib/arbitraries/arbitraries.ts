// fast-check arbitraries for app tests: fault schedules (crashes with restarts, pauses, partitions, inside a
// fault period) and ZooKeeper scenarios varied around them (cluster size, tick time, session timeout,
// network latency, duration). Every scenario drawn is validated by the scenario schema, so it runs as is.
import { type Arbitrary, array, constantFrom, integer, option, record } from "fast-check";
import {
  formatIssues,
  parseScenario,
  type Scenario,
  type ScenarioInput,
} from "../../scenarios/schema/index.js";
import {
  FAULT_KINDS,
  type FaultKind,
  type FaultWindow,
  PARTITION_SHAPES,
  PER_MILLE,
  type ScheduleItem,
  SERVERS_MAX,
  scheduleOf,
} from "./fault-windows.js";

/** An inclusive range of whole numbers. */
export interface IntRange {
  readonly min: number;
  readonly max: number;
}

export interface FaultScheduleOptions {
  /** Servers n1..nN the faults hit. */
  readonly servers: number;
  /** Every fault is healed by this time (the scenario's durationMs). */
  readonly durationMs: number;
  /** No fault before this, so a first leader is elected; default min(1000, durationMs / 4). */
  readonly startMs?: number;
  /** Which faults to draw; default all of FAULT_KINDS. */
  readonly faults?: readonly FaultKind[];
  /** At most this many faults are drawn (fewer fit when they would overlap); default 4. */
  readonly maxFaults?: number;
  /** A fault lasts at least this long (unless the period ends first); default 200 ms. */
  readonly minFaultMs?: number;
  /** At most this many servers crashed or paused at once; default a minority, (servers - 1) / 2, at least 1. */
  readonly maxDown?: number;
}

/** A `kind: "schedule"` nemesis's ops, in time order; shrinks to fewer, earlier, shorter faults. */
export function faultScheduleArb(options: FaultScheduleOptions): Arbitrary<ScheduleItem[]> {
  const shape = scheduleShape(options);
  return faultWindowsArb(options.faults, options.maxFaults).map((windows) =>
    scheduleOf(windows, shape),
  );
}

export interface ScenarioArbOptions {
  /** The scenario's name (it names run directories); default `generated`. */
  readonly name?: string;
  /** What the variations are laid over: any scenario fields (system is zookeeper). */
  readonly base?: Omit<ScenarioInput, "name">;
  /** Cluster sizes to pick from; default [3, 5]. */
  readonly servers?: readonly number[];
  /** The fault period, ms; default 5,000 to 15,000. */
  readonly durationMs?: IntRange;
  /** After the faults; default 10,000 ms. */
  readonly recoveryMs?: number;
  /** ZooKeeper's tickTime, ms; default 50 to 200. */
  readonly tickTimeMs?: IntRange;
  /** The session timeout clients ask for, in ticks (servers allow 2 to 20); default 4 to 20. */
  readonly sessionTimeoutTicks?: IntRange;
  /** The slowest one-way message latency, ms, or the kernel's LAN latency when drawn absent; default 1 to 20. */
  readonly latencyMaxMs?: IntRange;
  /** As in FaultScheduleOptions. */
  readonly faults?: readonly FaultKind[];
  readonly maxFaults?: number;
  readonly minFaultMs?: number;
  readonly maxDown?: number;
}

/**
 * Valid ZooKeeper scenarios with a drawn fault schedule: pass each to `simulate({ app, scenario })`. Shrinks
 * towards the smallest cluster, the shortest run, the default latency and fewer faults.
 */
export function scenarioArb(options: ScenarioArbOptions = {}): Arbitrary<Scenario> {
  const sizes = options.servers ?? [3, 5];
  for (const size of sizes) intIn(size, 1, SERVERS_MAX, "servers");
  const duration = rangeOf(
    options.durationMs ?? { min: 5_000, max: 15_000 },
    1,
    86_400_000,
    "durationMs",
  );
  const tick = rangeOf(options.tickTimeMs ?? { min: 50, max: 200 }, 1, 60_000, "tickTimeMs");
  const ticks = rangeOf(
    options.sessionTimeoutTicks ?? { min: 4, max: 20 },
    2,
    20,
    "sessionTimeoutTicks",
  );
  const latency = rangeOf(options.latencyMaxMs ?? { min: 1, max: 20 }, 1, 60_000, "latencyMaxMs");
  return record({
    servers: constantFrom(...[...sizes].sort((a, b) => a - b)),
    durationMs: integer(duration),
    tickTimeMs: integer(tick),
    sessionTicks: integer(ticks),
    latencyMaxMs: option(integer(latency), { nil: undefined }),
    windows: faultWindowsArb(options.faults, options.maxFaults),
  }).map((draw) => {
    const ops = scheduleOf(
      draw.windows,
      scheduleShape({ ...options, servers: draw.servers, durationMs: draw.durationMs }),
    );
    const base = options.base ?? {};
    return validScenario({
      ...base,
      name: options.name ?? "generated",
      system: "zookeeper",
      cluster: { servers: draw.servers, observers: 0 },
      zookeeper: {
        ...base.zookeeper,
        tickTimeMs: draw.tickTimeMs,
        sessionTimeoutMs: draw.sessionTicks * draw.tickTimeMs,
      },
      network: {
        ...base.network,
        ...(draw.latencyMaxMs === undefined ? {} : { latencyMaxMs: draw.latencyMaxMs }),
      },
      nemesis: { kind: "schedule", ops },
      durationMs: draw.durationMs,
      recoveryMs: options.recoveryMs ?? base.recoveryMs ?? 10_000,
    });
  });
}

function faultWindowsArb(
  faults: readonly FaultKind[] = FAULT_KINDS,
  maxFaults = 4,
): Arbitrary<FaultWindow[]> {
  if (faults.length === 0) throw new Error("zabsim/fast-check: faults lists no fault kind");
  intIn(maxFaults, 0, 1_000, "maxFaults");
  const window = record({
    kind: constantFrom(...faults),
    node: integer({ min: 0, max: SERVERS_MAX - 1 }),
    shape: constantFrom(...PARTITION_SHAPES),
    startPerMille: integer({ min: 0, max: PER_MILLE - 1 }),
    lengthPerMille: integer({ min: 0, max: PER_MILLE }),
  });
  return array(window, { maxLength: maxFaults });
}

function scheduleShape(options: FaultScheduleOptions) {
  const { servers, durationMs } = options;
  intIn(servers, 1, SERVERS_MAX, "servers");
  intIn(durationMs, 1, 86_400_000, "durationMs");
  const startMs = options.startMs ?? Math.min(1_000, Math.floor(durationMs / 4));
  intIn(startMs, 0, durationMs - 1, "startMs");
  const maxDown = options.maxDown ?? Math.max(1, Math.floor((servers - 1) / 2));
  intIn(maxDown, 1, SERVERS_MAX, "maxDown");
  const minFaultMs = options.minFaultMs ?? 200;
  intIn(minFaultMs, 1, 86_400_000, "minFaultMs");
  return { servers, durationMs, startMs, maxDown, minFaultMs };
}

/** A drawn scenario that the schema refuses is a bug in these arbitraries (or a bad `base`): it throws. */
function validScenario(input: ScenarioInput): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(formatIssues("zabsim/fast-check: drawn scenario", parsed.issues));
  return parsed.scenario;
}

function rangeOf(range: IntRange, min: number, max: number, what: string): IntRange {
  intIn(range.min, min, max, `${what}.min`);
  intIn(range.max, range.min, max, `${what}.max`);
  return range;
}

function intIn(value: number, min: number, max: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new Error(
      `zabsim/fast-check: ${what} must be a whole number from ${min} to ${max}, got ${value}`,
    );
  return value;
}
