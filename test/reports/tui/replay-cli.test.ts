// `zabsim replay` in-process: a recorded run directory or a scenario and seed, and every kind of bad input
// answered with a message and exit code 2, never a stack trace.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../bin/main.js";
import { capture } from "../../bin/capture.js";
import { BUG, SCENARIO, writeFailingRunDir } from "./failing-run.js";

let dir = "";
let seed = 0;

beforeAll(() => {
  ({ dir, seed } = writeFailingRunDir());
});

async function replay(args: string[]) {
  const io = capture();
  const code = await main(["replay", ...args], io);
  return { code, stdout: io.stdout.join("\n"), stderr: io.stderr.join("\n") };
}

function damaged(name: string, edit: (trace: string) => string): string {
  const copy = `${dir}-${name}`;
  cpSync(dir, copy, { recursive: true });
  const file = join(copy, "trace.jsonl");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  return copy;
}

describe("zabsim replay", () => {
  it("prints the screen at the first violation of a recorded run (exit 1: it failed)", async () => {
    const out = await replay([dir, "--screen", "--goto", "v", "--columns", "80", "--rows", "24"]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(1);
    expect(out.stdout).toContain(`${SCENARIO} seed ${seed}`);
    expect(out.stdout).toMatch(/✗ violation 1\/\d+/);
    expect(out.stdout).toMatch(/at event #\d+/);
    expect(out.stdout.split("\n").length).toBeLessThanOrEqual(24);
  });

  it("re-runs a scenario, seed and bug given on the command line", async () => {
    const out = await replay([
      "--scenario",
      SCENARIO,
      "--seed",
      String(seed),
      "--bug",
      BUG,
      "--screen",
      "--goto",
      "0",
    ]);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain("step 0/");
  });

  it("refuses a truncated trace", async () => {
    const cut = damaged("cut", (t) => t.slice(0, Math.floor(t.length / 2)));
    const out = await replay([cut, "--screen"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/trace\.jsonl is truncated/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a foreign or edited trace, naming the first differing line", async () => {
    const edited = damaged("edited", (t) =>
      t.replace('"n1","kind":"start"', '"n9","kind":"start"'),
    );
    const out = await replay([edited, "--screen"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/trace\.jsonl:1: the trace differs from a re-run/);
  });

  it("refuses a directory that is not a run directory", async () => {
    expect((await replay(["/nonexistent/run", "--screen"])).stderr).toMatch(
      /\/nonexistent\/run\/run\.json: cannot read the file \(ENOENT\); is this a zabsim run directory\?/,
    );
    const notJson = damaged("bad-json", (t) => t);
    writeFileSync(join(notJson, "run.json"), "{ not json");
    const out = await replay([notJson, "--screen"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/run\.json:1: not valid JSON/);
  });

  it("refuses bad usage", async () => {
    expect((await replay([])).code).toBe(2);
    expect((await replay(["--scenario", "no-such", "--seed", "1"])).stderr).toMatch(
      /unknown scenario 'no-such'/,
    );
    expect((await replay(["--scenario", SCENARIO, "--seed", "x"])).stderr).toMatch(
      /--seed expects/,
    );
    expect((await replay([dir, "--seed", "1"])).stderr).toMatch(/not both/);
    expect((await replay(["--scenario", SCENARIO, "--seed", "1", "--bug", "nope"])).stderr).toMatch(
      /unknown planted bug/,
    );
  });

  it("needs an interactive terminal unless --screen is given", async () => {
    const out = await replay([dir]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/needs an interactive terminal; use --screen/);
  });
});

describe("zabsim replay of a foreign trace.jsonl", () => {
  it("calls a foreign file in place of trace.jsonl not a trace (not truncated), naming file and line", async () => {
    const html = damaged("html", () => "<!DOCTYPE html>\n<html><body>a report</body></html>\n");
    const out = await replay([html, "--screen"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/trace\.jsonl:1: not a zabsim trace: the first line is not JSON/);
    const binary = damaged("binary", () => "PK\u0003\u0004\u0000\u0001\u00ff\u00fe");
    expect((await replay([binary, "--screen"])).stderr).toMatch(
      /trace\.jsonl:1: not a zabsim trace/,
    );
    const history = damaged("history", () => readFileSync(join(dir, "history.jsonl"), "utf8"));
    expect((await replay([history, "--screen"])).stderr).toMatch(
      /trace\.jsonl:1: not a zabsim trace: the first line is no trace entry \(field 'index'/,
    );
  });
});

describe("zabsim replay and zabsim run resolve scenarios alike", () => {
  it("refuses a planted bug the scenario's system cannot have, as run does (one scenario resolver)", async () => {
    const args = ["--scenario", "isolate-leader", "--seed", "1", "--bug", "ZOOKEEPER-1208"];
    const replayed = await replay([...args, "--screen"]);
    expect(replayed.code).toBe(2);
    const runIo = capture();
    expect(
      await main(["run", "isolate-leader", "--seed", "1", "--bug", "ZOOKEEPER-1208"], runIo),
    ).toBe(2);
    expect(replayed.stderr.replace("zabsim replay: ", "")).toBe(
      (runIo.stderr[0] as string).replace("zabsim run: ", ""),
    );
    expect(replayed.stderr).toMatch(/--bug: .*\(scenario isolate-leader\)/);
  });
});
