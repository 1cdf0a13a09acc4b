// The package as users get it: `npm pack`, installed with vitest into a fresh project that tests two app
// files through `zabsim/vitest`. The sound lock passes; the broken check-then-create lock fails with the seed,
// the run directory and the replay command in vitest's output. The entries' declaration files type-check.
// Slow (an npm install, from the local cache when it can): it needs `npm` and a built dist (`npm test` builds).
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const HAS_NPM = spawnSync("npm", ["--version"], { encoding: "utf8" }).status === 0;
const VITEST_VERSION = (
  JSON.parse(readFileSync(join(ROOT, "node_modules/vitest/package.json"), "utf8")) as {
    version: string;
  }
).version;

const APP_TEST = `import { test } from "vitest";
import { expectAppToPass } from "zabsim/vitest";

test("the sound lock passes", async () => {
  await expectAppToPass({ app: "./sound-lock.js", scenario: "zk-no-faults", seeds: 3 });
}, 120_000);

test("the broken lock fails", async () => {
  await expectAppToPass({ app: "./broken-lock.js", scenario: "zk-no-faults", seeds: 3 });
}, 120_000);
`;

const TYPES_CHECK = `import { type SimulateResult, simulate } from "zabsim";
import zookeeper from "zabsim/node-zookeeper-client";
import { scenarioArb } from "zabsim/fast-check";
import { expectAppToPass } from "zabsim/vitest";

export const run: Promise<SimulateResult> = simulate({ app: "./sound-lock.js", seed: 3 });
export const verdict = run.then((r): "pass" | "fail" | "unknown" => r.verdict);
export const client = zookeeper.createClient("n1:2181");
export const arb = scenarioArb({ servers: [3] });
export const helper: typeof expectAppToPass = expectAppToPass;
// @ts-expect-error the seed is a number: the declarations are real types, not any
simulate({ app: "./sound-lock.js", seed: "3" });
`;

function sh(command: string, args: readonly string[], cwd: string) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "1", NO_COLOR: "1", FORCE_COLOR: "0" },
    timeout: 240_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Packs the repository into `dir` and installs the tarball and vitest into a fresh project there. */
function packAndInstall(dir: string): string {
  const pack = sh("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], ROOT);
  expect(pack.status, pack.output).toBe(0);
  const [packed] = JSON.parse(pack.output.slice(pack.output.indexOf("["))) as {
    filename: string;
  }[];
  const project = join(dir, "project");
  mkdirSync(project);
  const manifest = { name: "zabsim-user", private: true, type: "module" };
  writeFileSync(join(project, "package.json"), JSON.stringify(manifest));
  const tarball = join(dir, packed?.filename ?? "missing.tgz");
  const install = sh(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball, `vitest@${VITEST_VERSION}`],
    project,
  );
  expect(install.status, install.output).toBe(0);
  copyFileSync(join(ROOT, "examples/apps/lock.js"), join(project, "sound-lock.js"));
  // The example's helpers, beside it as in examples/apps.
  cpSync(join(ROOT, "examples/apps/lib"), join(project, "lib"), { recursive: true });
  copyFileSync(join(ROOT, "test/lib/apps/broken-lock.js"), join(project, "broken-lock.js"));
  writeFileSync(join(project, "app.test.js"), APP_TEST);
  return project;
}

const TITLE = HAS_NPM ? "the packed tarball" : "the packed tarball (skipped: npm is not on PATH)";

describe.skipIf(!HAS_NPM)(TITLE, () => {
  const work = { dir: "", project: "" };

  beforeAll(() => {
    for (const file of ["dist/lib/index.d.ts", "dist/lib/vitest.js", "dist/cli/zabsim.js"])
      if (!existsSync(join(ROOT, file)))
        throw new Error(`${file} is missing: run npm run build first (npm test does)`);
    work.dir = mkdtempSync(join(tmpdir(), "zabsim-pack-"));
    work.project = packAndInstall(work.dir);
  }, 300_000);

  afterAll(() => {
    if (work.dir !== "") rmSync(work.dir, { recursive: true, force: true });
  });

  it("passes the sound lock and fails the broken one with its seed, run directory and commands", () => {
    const run = sh("npx", ["vitest", "run", "--reporter=verbose"], work.project);
    expect(run.status, run.output).toBe(1);
    expect(run.output).toMatch(/✓ app\.test\.js > the sound lock passes/);
    expect(run.output).toMatch(/× app\.test\.js > the broken lock fails/);
    expect(run.output).toMatch(/scenario zk-no-faults, seed 1/);
    expect(run.output).toMatch(/app: app-\d acquired the lock at .* while app-\d held it/);
    expect(run.output).toContain("npx zabsim replay zabsim-runs/zk-no-faults/seed-1");
    expect(run.output).toContain("npx zabsim run zk-no-faults --app ./broken-lock.js --seed 1");
    const runJson = join(work.project, "zabsim-runs/zk-no-faults/seed-1/run.json");
    expect(JSON.parse(readFileSync(runJson, "utf8"))).toMatchObject({ seed: 1, verdict: "fail" });
  }, 300_000);

  it("type-checks the entries' imports against the declaration files", () => {
    writeFileSync(join(work.project, "types-check.ts"), TYPES_CHECK);
    const tsconfig = {
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      files: ["types-check.ts"],
    };
    writeFileSync(join(work.project, "tsconfig.json"), JSON.stringify(tsconfig));
    const tsc = sh(
      "node",
      [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "."],
      work.project,
    );
    expect(tsc.output).toBe("");
    expect(tsc.status).toBe(0);
  }, 120_000);
});
