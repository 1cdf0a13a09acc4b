// A scenario as data (DESIGN.md, "Scenarios"): the cluster, ZooKeeper/ZAB parameters, clients and their
// workload, the nemesis, how long faults run and how long the recovery window after them is, which checks run,
// and planted bugs. Built-in scenarios and `--scenario-file` JSON go through this one schema. Times are ms.
import { z } from "zod";
import { BUG_IDS, DEFAULT_ZK_VERSION, ZK_VERSIONS } from "../../protocol/zab/index.js";
import {
  bounded,
  boundedInt,
  MAX_CLIENTS,
  MAX_KEYS,
  MAX_LIST,
  MAX_MS,
  MAX_NAME_LENGTH,
  positiveMs,
} from "./limits.js";
import { nemesisSchema } from "./nemesis-schema.js";

/** Which service the scenario runs; each system is a driver in scenarios/systems/. */
export const SYSTEM_NAMES = ["zab", "zookeeper"] as const;
export type SystemName = (typeof SYSTEM_NAMES)[number];

export const CHECK_NAMES = [
  "zab-invariants",
  "liveness",
  "zookeeper-consistency",
  "linearizability",
  "recipes",
  "sessions",
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/**
 * The workload's op names. `write`/`read`/`cas` are the register ops (the zab system serves `write` only);
 * the rest are ZooKeeper calls on the key's znode `/k<key>` (scenarios/systems/zk-calls.ts says how each
 * becomes a call).
 */
export const CLIENT_OPS = [
  "write",
  "read",
  "cas",
  "create",
  "createEphemeral",
  "createSequential",
  "delete",
  "setData",
  "getData",
  "exists",
  "getChildren",
  "multi",
  "sync",
  "removeWatches",
  "multiRead",
  "whoAmI",
] as const;
export type ClientOpName = (typeof CLIENT_OPS)[number];

/** The ZooKeeper recipes (reference §7) a scenario can run beside its workload; the zab system runs none. */
export const RECIPE_NAMES = [
  "lock",
  "rw-lock",
  "election",
  "barrier",
  "double-barrier",
  "queue",
  "config",
  "membership",
  "naming",
] as const;
export type RecipeName = (typeof RECIPE_NAMES)[number];

/** What a lock's holder writes to: a resource that checks the czxid fencing token, one that does not. */
export const LOCK_RESOURCES = ["fenced", "unfenced"] as const;

/**
 * One recipe's clients: nodes `<recipe>-1 .. <recipe>-<clients>` (and `lock-resource` for a lock). The
 * lock's section is `writes` resource writes 100 ms apart, for `rounds` acquisitions per client; lock
 * client j waits j·staggerMs before each attempt, so lock-1 usually takes the lock first.
 */
const recipeObjectSchema = z.strictObject({
  recipe: z.enum(RECIPE_NAMES),
  clients: z.number().int().min(1).max(8).default(3),
  resource: z.enum(LOCK_RESOURCES).default("fenced"),
  writes: z.number().int().min(1).max(1_000).default(5),
  rounds: z.number().int().min(1).max(1_000).default(10),
  staggerMs: z.number().int().min(1).max(60_000).default(100),
});

/** A recipe by name (every default) or as an object. */
const recipeSchema = z
  .union([z.enum(RECIPE_NAMES), recipeObjectSchema])
  .transform((entry) =>
    typeof entry === "string" ? recipeObjectSchema.parse({ recipe: entry }) : entry,
  );
export type RecipeSpec = z.output<typeof recipeObjectSchema>;

const clusterSchema = z.strictObject({
  servers: z.number().int().min(1).max(9).default(5),
  observers: z.number().int().min(0).max(4).default(0),
});

/** zoo.cfg's parameters (reference §4.9), plus the sizes that decide DIFF vs SNAP. */
const zookeeperSchema = z.strictObject({
  tickTimeMs: boundedInt(1, 60_000, "ms").default(100),
  initLimit: boundedInt(1, 1_000, "ticks").default(10),
  syncLimit: boundedInt(1, 1_000, "ticks").default(5),
  minSessionTimeoutMs: boundedInt(1, MAX_MS, "ms").optional(),
  maxSessionTimeoutMs: boundedInt(1, MAX_MS, "ms").optional(),
  /** What clients ask for; the server clamps it to [min, max] (default 2 and 20 ticks). */
  sessionTimeoutMs: boundedInt(1, MAX_MS, "ms").default(4_000),
  /** FLE's notification backoff cap (ZooKeeper: 60 s; short here so elections settle within a run). */
  maxNotificationIntervalMs: boundedInt(1, MAX_MS, "ms").default(1_600),
  committedLogCount: boundedInt(1, 1_000_000).default(20),
  snapCount: boundedInt(1, 10_000_000).default(50),
  /**
   * zabsim's linearizable-reads mode, not a ZooKeeper setting: each read waits for a quorum-committed no-op
   * first (protocol/zk/server/config.ts), so a cut-off server cannot answer a stale one.
   */
  linearizableReads: z.boolean().default(false),
  /** `zookeeper.extendedTypesEnabled`: off as in ZooKeeper, where a TTL create then gets UNIMPLEMENTED. */
  extendedTypesEnabled: z.boolean().default(false),
  /** `znode.container.checkIntervalMs`: how often the leader reaps containers and TTL nodes (ZooKeeper: 1 min). */
  containerCheckIntervalMs: boundedInt(1, MAX_MS, "ms").default(60_000),
  /** `znode.container.maxPerMinute`: one check's deletions go 60000 / this ms apart. */
  containerMaxPerMinute: boundedInt(1, 1_000_000).default(10_000),
  /** `znode.container.maxNeverUsedIntervalMs`: a never-used container goes after this; 0 keeps it. */
  containerMaxNeverUsedIntervalMs: boundedInt(0, MAX_MS, "ms").default(0),
});

const networkSchema = z.strictObject({
  /** How long a broken connection takes to be noticed: uniform in [min, max]. */
  detectionMinMs: boundedInt(1, 600_000, "ms").default(100),
  detectionMaxMs: boundedInt(1, 600_000, "ms").default(400),
  /** Slowest fsync, uniform from 0.2 ms; a slow disk widens the window between a write and its fsync. */
  fsyncMaxMs: bounded(0.2, 60_000, "ms").default(2),
  /**
   * A jittery network: each message's one-way latency uniform from 0.1 ms to this, so a burst sent at once
   * (a sync) arrives spread out. Absent: the kernel's LAN latency (0.1 ms plus a 0.3 ms mean tail).
   */
  latencyMaxMs: bounded(0.1, 60_000, "ms").optional(),
});

const mixSchema = z
  .partialRecord(z.enum(CLIENT_OPS), bounded(0, 1_000_000))
  .refine((mix) => Object.values(mix).some((weight) => (weight ?? 0) > 0), {
    message: "the op mix needs at least one op with a positive weight",
  });

const explicitOpSchema = z.strictObject({
  atMs: bounded(0, 2 * MAX_MS, "ms"),
  client: boundedInt(0, MAX_CLIENTS - 1),
  node: z.string().min(1).max(100),
  f: z.enum(CLIENT_OPS),
  key: boundedInt(0, MAX_KEYS - 1).optional(),
  value: z.json(),
});

const clientsSchema = z.strictObject({
  count: boundedInt(0, MAX_CLIENTS).default(3),
  /** Each client starts an op every `everyMs` (jittered), open loop. */
  everyMs: bounded(1, MAX_MS, "ms").default(300),
  mix: mixSchema.default({ write: 1 }),
  keys: boundedInt(1, MAX_KEYS).default(1),
  /**
   * Jepsen's independent keys: every `keyLifeMs` the clients move on to `keys` fresh keys, so a long run's
   * history on each key is as long as a short run's. Unset, the same keys serve the whole run.
   */
  keyLifeMs: bounded(1, MAX_MS, "ms").optional(),
  /** ZooKeeper reads (getData, exists, getChildren) leave a watch with this probability. */
  watchProbability: z.number().min(0).max(1).default(0.5),
  recipes: z
    .array(recipeSchema)
    .refine((list) => new Set(list.map((r) => r.recipe)).size === list.length, {
      message: "each recipe at most once",
    })
    .default([]),
  /** An explicit list replaces the generated workload (what the shrinker writes). */
  ops: z.array(explicitOpSchema).max(MAX_LIST).optional(),
});

export const scenarioSchema = z.strictObject({
  /** It names run directories and files, so it is short and safe as a path segment. */
  name: z
    .string()
    .max(MAX_NAME_LENGTH, `at most ${MAX_NAME_LENGTH} characters`)
    .regex(/^[a-z0-9][a-z0-9-]*$/, "lowercase letters, digits and dashes"),
  description: z.string().max(10_000, "at most 10,000 characters").default(""),
  system: z.enum(SYSTEM_NAMES).default("zab"),
  cluster: clusterSchema.default({ servers: 5, observers: 0 }),
  zookeeper: zookeeperSchema.prefault({}),
  network: networkSchema.prefault({}),
  clients: clientsSchema.prefault({}),
  nemesis: nemesisSchema.default({ kind: "none" }),
  /** Faults are drawn in [startMs, durationMs); all are healed by durationMs. */
  durationMs: positiveMs().default(15_000),
  /** After the last fault heals: the window in which liveness is checked. */
  recoveryMs: positiveMs().default(15_000),
  checks: z.array(z.enum(CHECK_NAMES)).min(1).optional(),
  /**
   * A monitoring probe reads every server's four-letter-word status (mntr) this often, and once at the end;
   * 0 probes only at the end. Probing reads state and sends nothing, so it never changes the run.
   */
  monitorEveryMs: boundedInt(0, MAX_MS, "ms").default(1_000),
  bugs: z.array(z.enum(BUG_IDS)).default([]),
  /**
   * The ZooKeeper release line simulated (docs/zk-versions.md): "3.9" has the fixes of 3.9.0 and later;
   * "3.8" is 3.8.x (3.8.6's NEWLEADER order, ZOOKEEPER-4466's watch modes, notifications with zxid -1).
   */
  zkVersion: z.enum(ZK_VERSIONS).default(DEFAULT_ZK_VERSION),
});

/** A scenario as written (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A validated scenario, every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
export type ExplicitClientOp = z.output<typeof explicitOpSchema>;
