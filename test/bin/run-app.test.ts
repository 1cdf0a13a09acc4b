// `zabsim run/replay/shrink --app FILE` (docs/apps.md): an app's failing seed gets its run directory (notes
// included), a repro naming the app, the same hashes on worker threads, a replay that lands on the note that
// broke the check, a shrunk run; a broken app file or a schedule naming missing instances is bad input.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../bin/main.js";
import { capture } from "./capture.js";

const BROKEN = "examples/apps/lock-check-then-create.js";

function hashes(lines: readonly string[]): string[] {
  return lines.map((line) => JSON.parse(line) as { trace_hash: string }).map((r) => r.trace_hash);
}

describe("zabsim run --app", () => {
  const out = mkdtempSync(join(tmpdir(), "zabsim-run-app-"));
  const dir = join(out, "zk-no-faults", "seed-1");

  it("fails the seed the broken lock shows, with its run directory, notes and a repro naming the app", async () => {
    const io = capture();
    const code = await main(
      ["run", "zk-no-faults", "--app", BROKEN, "--seed", "1", "--out", out],
      io,
    );
    expect(code).toBe(1);
    const text = io.stdout.join("\n");
    expect(text).toMatch(/seed 1 {2}FAIL .*\n {2}app: [\s\S]*app-\d acquired the lock/);
    expect(text).toContain(`repro:   npx zabsim run zk-no-faults --app ${BROKEN} --seed 1`);
    const run = JSON.parse(readFileSync(join(dir, "run.json"), "utf8"));
    expect(run.app).toEqual({
      file: BROKEN,
      path: resolve(BROKEN),
      instances: ["app-1", "app-2", "app-3"],
    });
    expect(run.violations[0].at.observed).toBe("app-note");
    const notes = readFileSync(join(dir, "notes.jsonl"), "utf8").trim().split("\n");
    expect(notes.length).toBeGreaterThan(1);
    expect(JSON.parse(notes[0] ?? "{}")).toMatchObject({ event: expect.any(String) });
  }, 60_000);

  it("gives the same trace hashes on two worker threads as on one", async () => {
    const args = ["run", "zk-partitions", "--app", "examples/apps/lock.js", "--seeds", "1..4"];
    const one = capture();
    const two = capture();
    await main([...args, "--json", "--out", out], one);
    await main([...args, "--json", "--jobs", "2", "--out", out], two);
    expect(hashes(two.stdout)).toEqual(hashes(one.stdout));
    expect(new Set(hashes(one.stdout)).size).toBe(4);
  }, 120_000);

  it("replays the failing run and lands on the note from which the check fails", async () => {
    const io = capture();
    const args = ["replay", dir, "--screen", "--goto", "v", "--columns", "140", "--rows", "40"];
    expect(await main(args, io)).toBe(1);
    const screen = io.stdout.join("\n");
    expect(screen).toMatch(/▶ *\d+ [\d.]+ app-\d +app-\d→ APP_NOTE acquired/);
    expect(screen).toMatch(/app-\d's app-note at [\d.]+s\)/);
  }, 60_000);

  it("shrinks the failing run to fewer servers, keeping the app", async () => {
    const io = capture();
    expect(await main(["shrink", dir, "--json"], io)).toBe(1);
    const outcome = JSON.parse(io.stdout.join("\n"));
    expect(outcome.after.servers).toBeLessThan(5);
    const shrunk = JSON.parse(readFileSync(join(outcome.dir, "run.json"), "utf8"));
    expect(shrunk.verdict).toBe("fail");
    expect(shrunk.repro).toContain(`--app ${BROKEN}`);
  }, 120_000);
});

/** Each command line, and the one line it must be refused with. */
function badInputCases(): [string[], RegExp][] {
  const folder = mkdtempSync(join(tmpdir(), "zabsim-bad-app-"));
  const noMain = join(folder, "no-main.js");
  writeFileSync(noMain, "export const instances = 2;\n");
  const scenario = join(folder, "scenario.json");
  writeFileSync(
    scenario,
    JSON.stringify({
      name: "pause-app-4",
      system: "zookeeper",
      nemesis: {
        kind: "schedule",
        ops: [{ atMs: 1000, op: { f: "pause", node: "app-4", durationUs: 1000 } }],
      },
    }),
  );
  return [
    [
      ["run", "zk-no-faults", "--app", join(folder, "missing.js")],
      /--app .*missing\.js: no such file/,
    ],
    [["run", "zk-no-faults", "--app", noMain], /exports no function `main`/],
    [
      ["run", "--scenario-file", scenario, "--app", "examples/apps/lock.js"],
      /names app-4, but --app examples\/apps\/lock\.js runs 3 instances/,
    ],
    [["run", "--scenario-file", scenario], /names app-4: give the app with --app FILE/],
    [["run", "no-faults", "--app", "examples/apps/lock.js"], /--app needs a zookeeper scenario/],
  ];
}

describe("zabsim run --app, bad input", () => {
  it("refuses a missing app file, an app without main, and a schedule naming instances the app lacks", async () => {
    const out = mkdtempSync(join(tmpdir(), "zabsim-run-app-bad-"));
    for (const [args, message] of badInputCases()) {
      const io = capture();
      expect(await main([...args, "--out", out], io), args.join(" ")).toBe(2);
      expect(io.stderr.join("\n")).toMatch(message);
      expect(io.stderr.join("\n")).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(out, "pause-app-4"))).toBe(false);
  }, 60_000);
});
