// The zod schemas of the files a run directory holds (DESIGN.md, "The CLI contract"): run.json, one line of
// trace.jsonl and one line of history.jsonl. Unknown fields are kept out; fields added later do not break them.
import { z } from "zod";

const verdict = z.enum(["pass", "fail", "unknown"]);
/** Where a violation shows (scenarios/systems `ViolationAt`); absent in run.json files written before it. */
const violationAt = z.looseObject({
  node: z.string().optional(),
  timeUs: z.number().optional(),
  zxid: z.number().optional(),
  process: z.number().int().optional(),
  historyIndex: z.number().int().optional(),
  related: z.array(z.number().int()).optional(),
  observed: z.string().optional(),
  client: z.string().optional(),
  involved: z.array(z.number().int()).optional(),
});

const violation = z.object({
  check: z.string(),
  message: z.string(),
  at: violationAt.optional(),
  story: z.string().optional(),
});

export const checkOutcomeSchema = z.object({
  check: z.string(),
  verdict,
  violations: z.array(violation).default([]),
  message: z.string().default(""),
  /** How many violations the check found; `violations` holds the first few (absent in older run.json). */
  violationCount: z.number().int().optional(),
  /** The linearizability model the check used, when it names one. */
  model: z.string().optional(),
  /** A counterexample in sim/check's shape, when the check recorded one. */
  counterexample: z.unknown().optional(),
});

const stats = z.looseObject({
  events: z.number().optional(),
  sim_time_us: z.number().optional(),
  healed_at_us: z.number().optional(),
  faults: z.number().optional(),
  client_ops: z.number().optional(),
  trace_entries: z.number().int().optional(),
  history_entries: z.number().int().optional(),
});

/** The client each Jepsen process belongs to (run.json's `workload`), for one timeline lane per client. */
const workloadOp = z.looseObject({ process: z.number().int(), client: z.number().int() });

/** What the monitoring probe read from one server (run.json's `monitor`): its `mntr` fields, or none. */
const serverStatus = z.object({
  node: z.string(),
  status: z.enum(["up", "paused", "down"]),
  stats: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
});
const monitorSample = z.object({ timeUs: z.number(), servers: z.array(serverStatus) });

export const runJsonSchema = z.object({
  scenario: z.string(),
  seed: z.number().int(),
  version: z.string(),
  bugs: z.array(z.string()).default([]),
  /** The ZooKeeper release line simulated (the scenario's zkVersion); run directories before it were 3.9. */
  zk_version: z.string().default("3.9"),
  verdict,
  verdicts: z.array(checkOutcomeSchema).default([]),
  violations: z.array(violation).default([]),
  trace_hash: z.string(),
  stats: stats.default({}),
  repro: z.string().default(""),
  /** An app run's app: the file as given, its absolute path, its instances (docs/apps.md). */
  app: z.object({ file: z.string(), path: z.string(), instances: z.array(z.string()) }).optional(),
  workload: z.array(workloadOp).default([]),
  monitor: z.array(monitorSample).default([]),
});

export type RunJson = z.infer<typeof runJsonSchema>;
export type CheckOutcomeJson = z.infer<typeof checkOutcomeSchema>;
export type ViolationJson = z.infer<typeof violation>;
export type MonitorSampleJson = z.infer<typeof monitorSample>;
export type ViolationAtJson = z.infer<typeof violationAt>;

export const traceLineSchema = z.object({
  index: z.number().int().nonnegative(),
  timeUs: z.number().nonnegative(),
  node: z.string(),
  kind: z.string(),
  text: z.string(),
  /** When the message was sent (deliver entries); traces that record it make the message diagram exact. */
  sentUs: z.number().optional(),
});

export type TraceLine = z.infer<typeof traceLineSchema>;

const json: z.ZodType<unknown> = z.unknown();

export const historyLineSchema = z.looseObject({
  process: z.union([z.number().int(), z.literal("nemesis")]),
  type: z.enum(["invoke", "ok", "fail", "info"]),
  f: z.string(),
  value: json,
  time: z.number(),
});

export type HistoryLine = z.infer<typeof historyLineSchema>;

/**
 * One line of zk-records.jsonl: a record of the ZooKeeper consistency check's input (ZkRecord), kept whole;
 * its fields are the check's to judge (protocol/zk/consistency/zk-history.ts).
 */
export const zkRecordLineSchema = z.looseObject({ kind: z.string() });

/**
 * Which sweep a `zabsim run --json` line belongs to, so `zabsim merge` can check that its inputs fit together:
 * the scenarios as the command named them, the seed range before sharding, the shard, the --bug flags.
 */
export const sweepIdSchema = z.object({
  /** A scenario name, `--scenario-file FILE`, or `--all`. */
  target: z.string(),
  /** The whole range, `A..B`, before --shard took its part. */
  seeds: z.string().regex(/^\d+\.\.\d+$/),
  /** `K/N`, or null for an unsharded sweep. */
  shard: z
    .string()
    .regex(/^\d+\/\d+$/)
    .nullable(),
  bugs: z.array(z.string()),
  fail_fast: z.boolean(),
  /** How many scenarios the sweep runs (the catalogue's count with --all). */
  scenarios: z.number().int().positive(),
  /** The --app file as given; absent for a sweep of the scenario alone. */
  app: z.string().optional(),
  /** --zk-version as given; absent when each scenario ran its own release line. */
  zk_version: z.string().optional(),
});

/** One line of `zabsim run --json` (DESIGN.md, "The CLI contract"), as `zabsim merge` reads it. */
export const seedResultLineSchema = z.looseObject({
  scenario: z.string(),
  seed: z.number().int().nonnegative(),
  verdict,
  violations: z.array(violation),
  trace_hash: z.string(),
  events: z.number(),
  sim_time_us: z.number(),
  wall_ms: z.number(),
  bugs: z.array(z.string()),
  faults: z.number(),
  client_ops: z.number(),
  repro: z.string(),
  sweep: sweepIdSchema,
  run_dir: z.string().optional(),
});

export type SweepIdJson = z.infer<typeof sweepIdSchema>;
export type SeedResultLine = z.infer<typeof seedResultLineSchema>;

/** The run directory file holding an app run's notes. */
export const APP_NOTES_FILE = "notes.jsonl";

/** One line of an app run's notes.jsonl: a `ctx.note` as the app's `check` saw it (docs/apps.md). */
export const appNoteSchema = z.looseObject({
  instance: z.string(),
  event: z.string(),
  atMs: z.number(),
});

export type AppNoteJson = z.infer<typeof appNoteSchema>;
