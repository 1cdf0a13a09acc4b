// `npm run bench:startup`: how long the `zabsim` process takes, start to exit, against bare Node
// (`node -e 0`). Prints one line per case, or with --json one JSON object per line: name, median_ms,
// baseline_ms, ratio, target, met, rounds. The cases and bare Node run interleaved, round after round, so a
// noisy neighbour slows all of them rather than skewing the ratio; each reports its median round. Exits 1
// when a case misses its target. `--rounds N` (at least 15) sets the number of rounds.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

interface StartupCase {
  readonly name: string;
  readonly args: readonly string[];
}

interface StartupResult {
  readonly name: string;
  readonly median_ms: number;
  readonly baseline_ms: number;
  readonly ratio: number;
  readonly target: number;
  readonly met: boolean;
  readonly rounds: number;
}

const TARGET_RATIO = 1.5;
const ROUNDS_MIN = 15;
const HISTORY_OPS = 60;
const CLI = fileURLToPath(new URL("../cli/zabsim.js", import.meta.url));

/**
 * A linearizable cas-register history of `opCount` operations by three processes, as JSON lines: each
 * operation completes before the next is invoked, and the values follow the register from 0.
 */
function casRegisterHistory(opCount: number): string {
  const lines: string[] = [];
  let value = 0;
  for (let index = 0; index < opCount; index++) {
    const process = index % 3;
    const op = (type: string, f: string, v: unknown) =>
      JSON.stringify({ process, type, f, value: v });
    if (index % 3 === 0) {
      value = index + 1;
      lines.push(op("invoke", "write", value), op("ok", "write", value));
    } else if (index % 3 === 1) {
      lines.push(op("invoke", "read", null), op("ok", "read", value));
    } else {
      const swap = [value, value + 100];
      value += 100;
      lines.push(op("invoke", "cas", swap), op("ok", "cas", swap));
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Wall-clock milliseconds of one `node ARGS` process; a case that fails is a broken benchmark. */
function timeProcess(name: string, args: readonly string[]): number {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [...args], { stdio: ["ignore", "pipe", "pipe"] });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0) {
    throw new Error(`${name}: node ${args.join(" ")} exited ${child.status}: ${child.stderr}`);
  }
  return elapsedMs;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/**
 * Runs bare Node and every case once per round, each round starting one further along the list so that no
 * case always follows another; one untimed round first warms the file cache.
 */
function measure(cases: readonly StartupCase[], rounds: number): StartupResult[] {
  const all: readonly StartupCase[] = [{ name: "bare node", args: ["-e", "0"] }, ...cases];
  const times = all.map((): number[] => []);
  for (let round = -1; round < rounds; round++) {
    for (let step = 0; step < all.length; step++) {
      const index = (Math.max(round, 0) + step) % all.length;
      const c = all[index];
      if (c === undefined) continue;
      const elapsedMs = timeProcess(c.name, c.args);
      if (round >= 0) times[index]?.push(elapsedMs);
    }
  }
  const [baseline = [], ...caseTimes] = times;
  const baselineMs = median(baseline);
  return cases.map((c, index) => {
    const medianMs = median(caseTimes[index] ?? []);
    const ratio = medianMs / baselineMs;
    return {
      name: c.name,
      median_ms: Number(medianMs.toFixed(1)),
      baseline_ms: Number(baselineMs.toFixed(1)),
      ratio: Number(ratio.toFixed(2)),
      target: TARGET_RATIO,
      met: ratio <= TARGET_RATIO,
      rounds,
    };
  });
}

function parseBenchArgs(): { json: boolean; rounds: number } {
  const { values } = parseArgs({
    options: { json: { type: "boolean" }, rounds: { type: "string" } },
  });
  const rounds = values.rounds === undefined ? 21 : Number(values.rounds);
  if (!Number.isSafeInteger(rounds) || rounds < ROUNDS_MIN) {
    throw new Error(
      `--rounds must be an integer of at least ${ROUNDS_MIN}, got '${values.rounds}'`,
    );
  }
  return { json: values.json === true, rounds };
}

const options = parseBenchArgs();
const dir = mkdtempSync(join(tmpdir(), "zabsim-startup-"));
try {
  const history = join(dir, `cas-register-${HISTORY_OPS}-ops.jsonl`);
  writeFileSync(history, casRegisterHistory(HISTORY_OPS));
  const cases: readonly StartupCase[] = [
    { name: "startup/help", args: [CLI, "help"] },
    {
      name: `startup/check-cas-register-${HISTORY_OPS}-ops`,
      args: [CLI, "check", history, "--model", "cas-register", "--init", "0"],
    },
  ];
  const results = measure(cases, options.rounds);
  for (const result of results) {
    process.stdout.write(
      options.json
        ? `${JSON.stringify(result)}\n`
        : `${result.name}: ${result.median_ms} ms, bare node ${result.baseline_ms} ms, ratio ` +
            `${result.ratio} (target <= ${result.target}${result.met ? "" : ", MISSED"})\n`,
    );
  }
  if (results.some((result) => !result.met)) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
