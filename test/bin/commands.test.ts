// The command registry and per-command help: `zabsim CMD --help`, `-h` and `zabsim help CMD` print the flags
// the command parses, their defaults and examples; `zabsim help` reads plain data.
import { describe, expect, it } from "vitest";
import { COMMANDS, helpText } from "../../bin/commands/index.js";
import { main } from "../../bin/main.js";
import { DEFAULT_SCENARIO } from "../../scenarios/catalog/index.js";
import { capture } from "./capture.js";

const NAMES = COMMANDS.map((entry) => entry.spec.name);

async function helpOf(args: string[]) {
  const io = capture();
  const code = await main(args, io);
  return { code, out: io.stdout.join("\n"), err: io.stderr };
}

describe("the command registry", () => {
  it("holds the spec each loaded command parses and prints with", async () => {
    for (const entry of COMMANDS) expect((await entry.load()).spec).toBe(entry.spec);
  });

  it("prints every command's usage in the global help, and says where per-command help is", () => {
    const help = helpText();
    for (const entry of COMMANDS) expect(help).toContain(entry.spec.usage);
    expect(help).toContain("zabsim CMD --help");
  });
});

describe.each(NAMES)("zabsim %s --help", (name) => {
  const spec = COMMANDS.find((entry) => entry.spec.name === name)?.spec;
  if (spec === undefined) throw new Error(`no spec for ${name}`);

  it("prints the same help on stdout, exit 0, for --help, -h and `zabsim help CMD`", async () => {
    const long = await helpOf([name, "--help"]);
    expect(long.code).toBe(0);
    expect(long.err).toEqual([]);
    expect(long.out).toMatch(new RegExp(`^Usage: zabsim ${name}`));
    expect((await helpOf([name, "-h"])).out).toBe(long.out);
    expect((await helpOf(["help", name])).out).toBe(long.out);
    // Help wins over anything else on the line, even a bad flag.
    expect((await helpOf([name, "--no-such-flag", "--help"])).code).toBe(0);
  });

  it("lists every flag the command parses with its default, and at least one example", async () => {
    const { out } = await helpOf([name, "--help"]);
    const lines = out.split("\n");
    for (const flag of Object.keys(spec.flags)) {
      const line = lines.find((l) => new RegExp(`^ {2}(-\\w, )?--${flag}\\b`).test(l));
      expect(line, `--${flag}`).toMatch(/\(default: [^)]/);
    }
    expect(out).toMatch(new RegExp(`Examples?:\\n {2}zabsim ${name} `));
  });

  it("parses every flag its help lists: only the unknown flag after it is refused", async () => {
    for (const [flag, def] of Object.entries(spec.flags)) {
      const given = def.type === "string" ? `--${flag}=x` : `--${flag}`;
      const io = capture();
      expect(await main([name, given, "--zz-unknown"], io)).toBe(2);
      expect(io.stderr.join("\n")).toMatch(/Unknown option '--zz-unknown'/);
    }
  });

  it("uses only flags it parses in its examples", () => {
    for (const example of spec.examples)
      for (const [, flag] of example.command.matchAll(/ --([\w-]+)/g))
        expect(Object.keys(spec.flags), example.command).toContain(flag);
  });
});

describe("zabsim help", () => {
  it("names the default scenario and seeds in run's help", async () => {
    const { out } = await helpOf(["run", "--help"]);
    expect(out).toContain(`default ${DEFAULT_SCENARIO}`);
    expect(out).toMatch(/--seeds A\.\.B +run the seeds A to B, both included \(default: 1\.\.20\)/);
    expect(out).toMatch(/--bug ID +.*\(default: none; may be repeated\)/);
  });

  it("refuses an unknown command in one line, exit 2", async () => {
    const { code, out, err } = await helpOf(["help", "frobnicate"]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toEqual([
      `zabsim help: unknown command 'frobnicate'. Commands: ${NAMES.join(", ")}.`,
    ]);
  });

  it("prints the global help for `zabsim help`, exit 0", async () => {
    const { code, out } = await helpOf(["help"]);
    expect(code).toBe(0);
    expect(out).toBe(helpText());
  });
});
