// Records the failing run of one story kind with the built CLI, as a user would (`zabsim run SCENARIO --seed N
// --bug B --app F --out DIR --json`), for the end-to-end tests that open it in the replay and the report.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { StoryKind } from "./story-kind.js";

export const CLI = resolve("dist/bin/zabsim.js");

/** The run directory of the kind's failing seed (its violation of `kind.check` included). */
export async function recordKind(kind: StoryKind): Promise<string> {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run 'npm run build' (npm test does) first`);
  const out = mkdtempSync(join(tmpdir(), "zabsim-story-"));
  const args = ["run", kind.scenario, "--seed", String(kind.seed), "--json", "--out", out];
  for (const bug of kind.bugs) args.push("--bug", bug);
  if (kind.app !== undefined) args.push("--app", kind.app);
  const child = await new Promise<{ stdout: string; stderr: string }>((done) => {
    const env = { ...process.env, CI: "1" };
    execFile(
      process.execPath,
      [CLI, ...args],
      { encoding: "utf8", env },
      (_error, stdout, stderr) => done({ stdout, stderr }),
    );
  });
  const line = child.stdout.trim().split("\n").at(-1) ?? "";
  const result = JSON.parse(line === "" ? "{}" : line) as {
    verdict?: string;
    run_dir?: string;
    violations?: { check: string }[];
  };
  const found = result.violations?.some((v) => v.check === kind.check) === true;
  if (result.verdict !== "fail" || result.run_dir === undefined || !found)
    throw new Error(
      `${kind.scenario} seed ${kind.seed} did not fail ${kind.check}: ${child.stdout}${child.stderr}`,
    );
  return resolve(result.run_dir);
}
