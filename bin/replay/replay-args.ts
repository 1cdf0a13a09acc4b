// `zabsim replay`'s flags: a run directory, or a scenario (built-in name or file) with a seed and bugs; and
// for scripts, `--screen` prints one frame (at `--goto`, sized by --columns/--rows) instead of the UI.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { UsageError } from "../cli-io.js";
import { REPLAY_FLAGS } from "../commands/replay-spec.js";
import { parseSeed } from "../commands/seeds.js";
import { resolveScenario } from "../run/resolve-scenario.js";
import type { AppRef } from "../run/run-target.js";
import { type ReplaySource, runDirSource } from "./replay-source.js";

export interface ReplayArgs {
  readonly load: () => ReplaySource;
  readonly screen: boolean;
  /** `v` (the first violation), a step, or a time; null for the first step. */
  readonly goto: string | null;
  readonly columns: number | null;
  readonly rows: number | null;
}

export function parseReplayArgs(args: readonly string[]): ReplayArgs {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: REPLAY_FLAGS,
  });
  const named = values.scenario ?? values["scenario-file"];
  if (positionals.length > 1)
    throw new UsageError(`expected one run directory, got ${positionals.join(" ")}`);
  const dir = positionals[0];
  if (
    dir !== undefined &&
    (named !== undefined ||
      values.seed !== undefined ||
      values.bug !== undefined ||
      values.app !== undefined)
  )
    throw new UsageError(
      "give a run directory, or --scenario NAME --seed N [--bug ID] [--app FILE], not both",
    );
  if (values.scenario !== undefined && values["scenario-file"] !== undefined)
    throw new UsageError("give --scenario or --scenario-file, not both");
  const common = {
    screen: values.screen,
    goto: values.goto ?? null,
    columns: size(values.columns, "--columns"),
    rows: size(values.rows, "--rows"),
  };
  if (dir !== undefined) return { ...common, load: () => runDirSource(dir.replace(/\/+$/, "")) };
  if (named === undefined || values.seed === undefined)
    throw new UsageError("usage: zabsim replay RUN_DIR | --scenario NAME --seed N [--bug ID]");
  const seed = parseSeed(values.seed, "--seed");
  const bugs = values.bug ?? [];
  const file = values["scenario-file"];
  const label = `${file ?? values.scenario} --seed ${seed}`;
  return {
    ...common,
    load: () => ({
      scenario: resolveScenario(
        file !== undefined ? { kind: "file", file } : { kind: "name", name: named },
        bugs,
      ),
      seed,
      label,
      recorded: null,
      app: parseAppFile(values.app),
    }),
  };
}

function parseAppFile(file: string | undefined): AppRef | null {
  if (file === undefined) return null;
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`--app ${file}: no such file`);
  return { file, path };
}

function size(text: string | undefined, flag: string): number | null {
  if (text === undefined) return null;
  if (!/^\d+$/.test(text) || Number(text) < 20 || Number(text) > 1000)
    throw new UsageError(`${flag} expects a number from 20 to 1000, got '${text}'`);
  return Number(text);
}
