// The CLI fuzzer's cases: for every command (run, shrink, replay, merge, check, report, list, help, unknown
// ones) templates of odd flags and malformed files, each drawn from the seed. A case says which files its
// temporary folder holds, the arguments, and whether it is known-bad input (exit code 2 expected).
import {
  FuzzRng,
  historyInput,
  type Input,
  mergeInput,
  runDirFile,
  runJsonField,
  SMALL_SCENARIO,
  scenarioInput,
} from "./inputs.js";

export const COMMANDS = [
  "run",
  "shrink",
  "replay",
  "merge",
  "check",
  "report",
  "list",
  "help",
  "unknown",
] as const;
export type FuzzCommand = (typeof COMMANDS)[number];

export interface FuzzCase {
  readonly id: number;
  readonly command: FuzzCommand;
  readonly args: readonly string[];
  /** Files written into the case's folder before it runs (relative paths). */
  readonly files: Readonly<Record<string, string | Uint8Array>>;
  /** Empty folders made before it runs. */
  readonly dirs: readonly string[];
  /** Where the fixture run directory is copied, before `files` are written and `remove` removed. */
  readonly copyRun: string | null;
  readonly remove: readonly string[];
  /** Known-bad input: the command must exit with 2. */
  readonly bad: boolean;
  readonly what: string;
}

/** The fixture every run-directory case starts from: a real failing run and its sweep output. */
export interface Fixture {
  /** Absolute path of a run directory written by `zabsim run`. */
  readonly runDir: string;
  readonly runJson: string;
  readonly trace: string;
  readonly scenario: string;
  /** `zabsim run --json` output of the sweep that wrote it (a valid merge input). */
  readonly sweep: string;
}

type Spec = Omit<FuzzCase, "id" | "command" | "files" | "dirs" | "copyRun" | "remove"> &
  Partial<Pick<FuzzCase, "files" | "dirs" | "copyRun" | "remove">>;
type Template = (r: FuzzRng, fixture: Fixture) => Spec;

const LONG = "n".repeat(300);
const RUN = ["run", "no-faults", "--seeds", "1..1"];
const FAILING_RUN = ["run", "crash-loop", "--bug", "ZOOKEEPER-3911", "--seed", "1"];
const BAD_RUN_FLAGS: readonly (readonly string[])[] = [
  ["--seed", "-1"],
  ["--seed=-1"],
  ["--seed", ""],
  ["--seed", "NaN"],
  ["--seed", "1.5"],
  ["--seed", "1e3"],
  ["--seed", "99999999999999999999"],
  ["--seeds", "5..1"],
  ["--seeds", "1.."],
  ["--seeds", "..5"],
  ["--seeds", "a..b"],
  ["--seeds", "1...3"],
  ["--seeds", "1..99999999999"],
  ["--jobs", "0"],
  ["--jobs", "-1"],
  ["--jobs", "NaN"],
  ["--jobs", ""],
  ["--jobs", "1.5"],
  ["--shard", "3/2"],
  ["--shard", "0/2"],
  ["--shard", "1/0"],
  ["--shard", "x"],
  ["--shard", "1/2/3"],
  ["--shard", "-1/2"],
  ["--bug", "nope"],
  ["--bug", ""],
  ["--zk-version", "4.0"],
  ["--frobnicate"],
  ["--seed"],
  ["--json=yes"],
  ["--app", "missing.mjs"],
  ["--scenario-file", "missing.json"],
  ["--scenario-file", "."],
  ["--seed", "1", "--seeds", "1..2"],
];
const ODD_RUN_FLAGS: readonly (readonly string[])[] = [
  ["--jobs", "1000"],
  ["--jobs", "2"],
  ["--shard", "1/1"],
  ["--shard", "2/2"],
  ["--json"],
  ["--fail-fast"],
  ["--seed", "0"],
  ["--seed", "9007199254740991"],
  ["--zk-version", "3.8"],
];

const runTemplates: readonly Template[] = [
  (r) => ({ args: [...RUN, ...r.pick(BAD_RUN_FLAGS)], bad: true, what: "a bad flag or value" }),
  (r) => ({ args: [...RUN, ...r.pick(ODD_RUN_FLAGS)], bad: false, what: "an odd but valid flag" }),
  (r) => ({
    args: [
      "run",
      r.pick(["nope", "", "../../etc/passwd", LONG, "NO-FAULTS", "-"]),
      "--seeds",
      "1..1",
    ],
    bad: true,
    what: "an unknown scenario name",
  }),
  (r) => {
    const input = scenarioInput(r);
    return {
      args: ["run", "--scenario-file", "s.json", "--seeds", "1..1"],
      files: { "s.json": input.text },
      bad: input.bad,
      what: `scenario file: ${input.what}`,
    };
  },
  (r) => ({
    // A failing seed, so the run directory is written (a passing sweep writes nothing under --out).
    args: [...FAILING_RUN, "--out", r.pick(["existing-file", LONG, `${LONG}/x`])],
    files: { "existing-file": "keep me\n" },
    bad: true,
    what: "--out onto a file or a name too long",
  }),
  (r) => ({
    args: [
      "run",
      "crash-loop",
      "--bug",
      "ZOOKEEPER-3911",
      "--seed",
      "1",
      "--out",
      r.pick(["out", "new/deeper/out"]),
    ],
    bad: false,
    what: "a failing seed written to a new output folder",
  }),
  (r) => {
    const target = r.pick(["missing/dir/j.xml", "adir", "existing-file", `${LONG}.xml`]);
    return {
      args: [...RUN, "--junit", target],
      files: { "existing-file": "keep me\n" },
      dirs: ["adir"],
      bad: target !== "existing-file" && target !== "missing/dir/j.xml",
      what: "--junit into a missing folder, onto a folder or a name too long",
    };
  },
];

/** The fixture run directory copied to `run/` with one file garbled or removed. */
function garbledRunDir(
  r: FuzzRng,
  fixture: Fixture,
  command: FuzzCommand,
): Spec & { args: string[] } {
  const file = r.pick(["run.json", "trace.jsonl", "scenario.json", "run.json-field", "missing"]);
  if (file === "missing") {
    const gone = r.pick(["run.json", "trace.jsonl", "scenario.json", "history.jsonl"]);
    // Only run.json is required by every command; replay needs the trace; the rest may be optional.
    const required = gone === "run.json" || (gone === "trace.jsonl" && command === "replay");
    return { args: [], copyRun: "run", remove: [`run/${gone}`], bad: required, what: `no ${gone}` };
  }
  let input: Input;
  if (file === "run.json-field") input = runJsonField(r, fixture.runJson);
  else {
    const original =
      file === "run.json"
        ? fixture.runJson
        : file === "trace.jsonl"
          ? fixture.trace
          : fixture.scenario;
    input = runDirFile(r, original);
  }
  const name = file === "run.json-field" ? "run.json" : file;
  // Which files each command reads: all read run.json; replay verifies the trace and rebuilds the scenario,
  // shrink re-runs the scenario; report shows the trace but may not read scenario.json.
  const reads =
    name === "run.json" ||
    (name === "trace.jsonl" && command !== "shrink") ||
    (name === "scenario.json" && command !== "report");
  const badForCommand = input.bad && reads && !(file === "run.json-field" && command === "report");
  return {
    args: [],
    copyRun: "run",
    files: { [`run/${name}`]: input.text },
    bad: badForCommand,
    what: `${name}: ${input.what}`,
  };
}

const shrinkTemplates: readonly Template[] = [
  // Only files whose damage stops shrink before it starts: a shrink that runs is minutes of re-runs.
  (r, fixture) => {
    if (r.next() < 0.2) {
      return {
        args: ["shrink", "run"],
        copyRun: "run",
        remove: ["run/run.json"],
        bad: true,
        what: "no run.json",
      };
    }
    const name = r.pick(["run.json", "scenario.json"]);
    const input = runDirFile(r, name === "run.json" ? fixture.runJson : fixture.scenario);
    return {
      args: ["shrink", "run"],
      copyRun: "run",
      files: { [`run/${name}`]: input.text },
      bad: true,
      what: `${name}: ${input.what}`,
    };
  },
  (r) => ({
    args: [
      "shrink",
      ...r.pick([
        [],
        ["missing"],
        ["existing-file"],
        ["adir"],
        [LONG],
        ["run", "--frob"],
        ["run", "extra"],
      ]),
    ],
    files: { "existing-file": "x\n" },
    dirs: ["adir"],
    copyRun: "run",
    bad: true,
    what: "no run directory, a missing one, a file, an empty folder, an unknown flag",
  }),
  (r) => ({
    args: ["shrink", "run", "--out", r.pick(["existing-file", LONG])],
    files: { "existing-file": "keep me\n" },
    copyRun: "run",
    bad: true,
    what: "--out onto a file or a name too long",
  }),
];

const replayTemplates: readonly Template[] = [
  (r, fixture) => {
    const spec = garbledRunDir(r, fixture, "replay");
    return { ...spec, args: ["replay", "run", "--screen"] };
  },
  (r) => ({
    args: [
      "replay",
      ...r.pick([[], ["missing", "--screen"], ["existing-file", "--screen"], ["adir", "--screen"]]),
    ],
    files: { "existing-file": "x\n" },
    dirs: ["adir"],
    bad: true,
    what: "no run directory, a missing one, a file or an empty folder",
  }),
  (r) => ({
    args: [
      "replay",
      "--scenario",
      ...r.pick([
        ["nope", "--seed", "1"],
        ["no-faults", "--seed", "-1"],
        ["no-faults", "--seed", "x"],
        ["no-faults"],
        [LONG, "--seed", "1"],
        ["no-faults", "--seed", "1", "--bug", "nope"],
      ]),
      "--screen",
    ],
    bad: true,
    what: "--scenario with a bad name or seed",
  }),
  (r) => {
    const goto = r.pick(["xyz", "-5", "", "1e400", "NaN"]);
    return {
      args: ["replay", "run", "--screen", "--goto", goto],
      copyRun: "run",
      bad: true,
      what: "a bad --goto",
    };
  },
  (r) => ({
    args: ["replay", "run", "--screen", "--goto", r.pick(["v", "0", "999999999", "1s"])],
    copyRun: "run",
    bad: false,
    what: "an odd --goto",
  }),
];

const mergeTemplates: readonly Template[] = [
  (r, fixture) => {
    const input = mergeInput(r, fixture.sweep);
    return {
      args: ["merge", "a.jsonl", "b.jsonl", ...(r.next() < 0.5 ? ["--json"] : [])],
      files: { "a.jsonl": fixture.sweep, "b.jsonl": input.text },
      bad: input.bad,
      what: `second input: ${input.what}`,
    };
  },
  (r) => ({
    args: ["merge", ...r.pick([[], ["missing.jsonl"], ["adir"], ["a.jsonl", "--frob"]])],
    files: { "a.jsonl": "" },
    dirs: ["adir"],
    bad: true,
    what: "no inputs, a missing file, a folder, an unknown flag",
  }),
];

const BAD_CHECK_FLAGS: readonly (readonly string[])[] = [
  ["--model", "nope"],
  [],
  ["--model"],
  ["--model", "register", "--init", "{"],
  ["--model", "register", "--init", `${"[".repeat(30_000)}${"]".repeat(30_000)}`],
  ["--model", "register", "--timeout", "-1"],
  ["--model", "register", "--timeout", "NaN"],
  ["--model", "register", "--timeout", "0"],
  ["--model", "register", "--timeout", "1e309"],
  ["--model", "register", "--timeout", ""],
  ["--model", "register", "--frob"],
];

const checkTemplates: readonly Template[] = [
  (r) => {
    const input = historyInput(r);
    return {
      args: [
        "check",
        input.name,
        "--model",
        r.pick(["register", "cas-register"]),
        "--timeout",
        "5",
      ],
      files: { [input.name]: input.text },
      bad: input.bad,
      what: `history: ${input.what}`,
    };
  },
  (r) => ({
    args: ["check", "h.jsonl", ...r.pick(BAD_CHECK_FLAGS)],
    files: { "h.jsonl": '{"process":0,"type":"invoke","f":"write","value":1}\n' },
    bad: true,
    what: "a bad flag or value",
  }),
  (r) => ({
    args: ["check", ...r.pick([[], ["missing.jsonl"], ["adir"], [LONG]]), "--model", "register"],
    dirs: ["adir"],
    bad: true,
    what: "no file, a missing one, a folder, a name too long",
  }),
];

const reportTemplates: readonly Template[] = [
  (r, fixture) => {
    const spec = garbledRunDir(r, fixture, "report");
    return { ...spec, args: ["report", "run", "--html", "r.html"] };
  },
  (r) => {
    const target = r.pick(["adir", "missing/dir/r.html", `${LONG}.html`, "existing-file"]);
    return {
      args: ["report", "run", "--html", target],
      files: { "existing-file": "old\n" },
      dirs: ["adir"],
      copyRun: "run",
      bad: target === "adir" || target.startsWith(LONG),
      what: "--html onto a folder, into a missing folder, a name too long, over a file",
    };
  },
  (r) => ({
    args: ["report", ...r.pick([[], ["missing"], ["existing-file"], ["adir"], ["run", "--frob"]])],
    files: { "existing-file": "x\n" },
    dirs: ["adir"],
    copyRun: "run",
    bad: true,
    what: "no run directory, a missing one, a file, an empty folder, an unknown flag",
  }),
];

const listTemplates: readonly Template[] = [
  (r) => ({
    args: ["list", ...r.pick([["nope"], ["scenarios", "extra"], ["--jsn"], [""], ["SCENARIOS"]])],
    bad: true,
    what: "an unknown list or flag",
  }),
  (r) => ({
    args: [
      "list",
      ...r.pick([
        [],
        ["scenarios"],
        ["nemeses"],
        ["models", "--json"],
        ["bugs", "--json"],
        ["checks"],
      ]),
    ],
    bad: false,
    what: "a valid list",
  }),
];

const helpTemplates: readonly Template[] = [
  (r) => ({
    args: r.pick([
      ["help"],
      ["--help"],
      ["-h"],
      ["help", "run"],
      ["help", "list"],
      ["run", "--help"],
      ["replay", "-h"],
      ["check", "--model", "--help"],
      ["merge", "--bogus", "--help"],
      ["--version"],
      [],
    ]),
    bad: false,
    what: "help in its forms",
  }),
  (r) => ({
    args: r.pick([
      ["help", "nope"],
      ["help", LONG],
      ["help", "run", "list"],
    ]),
    bad: true,
    what: "help on an unknown command",
  }),
];

const unknownTemplates: readonly Template[] = [
  (r) => ({
    args: r.pick([["frobnicate"], [""], ["RUN"], ["-x"], ["--frob"], [LONG], ["💥"]]),
    bad: true,
    what: "an unknown command",
  }),
];

const TEMPLATES: Readonly<Record<FuzzCommand, readonly Template[]>> = {
  run: runTemplates,
  shrink: shrinkTemplates,
  replay: replayTemplates,
  merge: mergeTemplates,
  check: checkTemplates,
  report: reportTemplates,
  list: listTemplates,
  help: helpTemplates,
  unknown: unknownTemplates,
};

/** How often each command is drawn: the file-reading commands have the most inputs to try. */
const WEIGHTS: Readonly<Record<FuzzCommand, number>> = {
  run: 6,
  shrink: 2,
  replay: 3,
  merge: 3,
  check: 6,
  report: 3,
  list: 1,
  help: 1,
  unknown: 1,
};

/** `count` cases drawn from `seed`; the first covers every command once, in order. */
export function generateCases(seed: number, count: number, fixture: Fixture): FuzzCase[] {
  const r = new FuzzRng(seed);
  const deck = COMMANDS.flatMap((command) => Array<FuzzCommand>(WEIGHTS[command]).fill(command));
  const cases: FuzzCase[] = [];
  for (let id = 0; id < count; id++) {
    const command = id < COMMANDS.length ? (COMMANDS[id] as FuzzCommand) : r.pick(deck);
    const spec = r.pick(TEMPLATES[command])(r, fixture);
    cases.push({
      files: {},
      dirs: [],
      copyRun: null,
      remove: [],
      ...spec,
      id,
      command,
    });
  }
  return cases;
}

export { FuzzRng, SMALL_SCENARIO };
