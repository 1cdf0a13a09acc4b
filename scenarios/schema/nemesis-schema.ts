// The nemesis part of a scenario: none, a hand-written schedule of kernel ops (sim/nemesis/ops.ts), a
// generator drawing fault windows of chosen kinds at a chosen intensity, or swarm (kinds and intensity drawn
// from the seed). Times are milliseconds of simulated time; a schedule's `atMs` may have three decimals (µs).
import { z } from "zod";
import type { NemesisOp } from "../../sim/nemesis/index.js";
import { APP_FAULTS, GENERATED_FAULTS } from "../nemesis/fault-kinds.js";
import { bounded, boundedInt, MAX_LIST, MAX_MS, MAX_US, positiveMs } from "./limits.js";

const nodeName = z.string().regex(/^[a-z][a-z0-9-]*$/, "a node name such as n1");
const link = z.tuple([nodeName, nodeName]);
const links = z.union([z.literal("all"), z.array(link)]);
const us = boundedInt(-MAX_US, MAX_US, "µs");
const probability = z.number().min(0).max(1);

const diskTarget = z.union([
  z.strictObject({ log: z.string().min(1), index: z.number().int().nonnegative() }),
  z.strictObject({ file: z.string().min(1) }),
]);

/** An isolation names at most this many peers (the largest cluster and its clients). */
const MAX_ISOLATED = 1_000;

/** The kernel's nemesis ops, field for field (`NemesisOp`). */
export const nemesisOpSchema = z.discriminatedUnion("f", [
  z.strictObject({
    f: z.literal("partition-start"),
    cuts: z.array(link),
    shape: z.string().optional(),
  }),
  z.strictObject({ f: z.literal("partition-stop") }),
  z.strictObject({
    f: z.literal("isolate-start"),
    node: nodeName,
    from: z.array(nodeName).min(1).max(MAX_ISOLATED),
  }),
  z.strictObject({ f: z.literal("isolate-stop"), node: nodeName }),
  z.strictObject({ f: z.literal("crash"), node: nodeName }),
  z.strictObject({ f: z.literal("kill"), node: nodeName }),
  z.strictObject({ f: z.literal("restart"), node: nodeName }),
  z.strictObject({
    f: z.literal("pause"),
    node: nodeName,
    durationUs: boundedInt(1, MAX_US, "µs").optional(),
  }),
  z.strictObject({ f: z.literal("resume"), node: nodeName }),
  z.strictObject({ f: z.literal("clock-jump"), node: nodeName, deltaUs: us }),
  z.strictObject({
    f: z.literal("clock-drift"),
    node: nodeName,
    driftPpm: boundedInt(-1_000_000, 1_000_000, "ppm"),
  }),
  z.strictObject({ f: z.literal("link-reset"), a: nodeName, b: nodeName }),
  z.strictObject({ f: z.literal("link-loss"), p: probability, links }),
  z.strictObject({
    f: z.literal("link-delay"),
    extraUs: boundedInt(0, MAX_US, "µs"),
    links,
  }),
  z.strictObject({ f: z.literal("link-heal") }),
  z.strictObject({ f: z.literal("disk-torn"), node: nodeName }),
  z.strictObject({ f: z.literal("disk-corrupt"), node: nodeName, target: diskTarget }),
  z.strictObject({ f: z.literal("disk-error"), node: nodeName }),
]);

export const scheduledOpSchema = z.strictObject({
  /** No later than the scenario's durationMs (parse-scenario.ts checks it against the scenario). */
  atMs: bounded(0, MAX_MS, "ms"),
  op: nemesisOpSchema,
  /** Ops sharing a group are one fault (a crash and its restart): the shrinker keeps or drops them whole. */
  group: z.number().int().nonnegative().optional(),
});

const INTENSITIES = ["low", "medium", "high"] as const;

/** Mean gap between fault starts and mean fault duration, or a named preset of both. */
export const intensitySchema = z.union([
  z.enum(INTENSITIES),
  z.strictObject({
    meanGapMs: bounded(1, MAX_MS, "ms"),
    meanDurationMs: bounded(1, MAX_MS, "ms"),
  }),
]);

export const generatorSchema = z.strictObject({
  kind: z.literal("generator"),
  faults: z.array(z.enum(GENERATED_FAULTS)).min(1),
  intensity: intensitySchema.default("medium"),
  /** First fault no earlier than this (lets the first leader be elected). */
  startMs: bounded(0, MAX_MS, "ms").default(1_000),
  /** At most this many servers crashed, killed or paused at once; omitted means no limit. */
  maxDown: boundedInt(1, 13).optional(),
  /** After a crash-type fault ends, the server may crash again within this many ms (a flapping server). */
  flapMs: positiveMs().optional(),
  /** Faults of an app's instances too, in an app run (`--app`); none by default. */
  appFaults: z.array(z.enum(APP_FAULTS)).max(APP_FAULTS.length).optional(),
});

export const nemesisSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("none") }),
  z.strictObject({ kind: z.literal("schedule"), ops: z.array(scheduledOpSchema).max(MAX_LIST) }),
  generatorSchema,
  z.strictObject({
    kind: z.literal("swarm"),
    startMs: bounded(0, MAX_MS, "ms").default(1_000),
  }),
]);

/** A validated op as the kernel's type: the schema mirrors `NemesisOp` field for field. */
export function asNemesisOp(op: z.output<typeof nemesisOpSchema>): NemesisOp {
  return op as unknown as NemesisOp;
}

export type NemesisSpec = z.output<typeof nemesisSchema>;
export type GeneratorSpec = z.output<typeof generatorSchema>;
export type Intensity = z.output<typeof intensitySchema>;

/** The presets: mean gap between faults and mean fault duration, in ms. */
export const INTENSITY_PRESETS: {
  readonly [K in (typeof INTENSITIES)[number]]: {
    readonly meanGapMs: number;
    readonly meanDurationMs: number;
  };
} = {
  low: { meanGapMs: 4_000, meanDurationMs: 2_000 },
  medium: { meanGapMs: 1_500, meanDurationMs: 2_000 },
  high: { meanGapMs: 500, meanDurationMs: 1_500 },
};
