// `zabsim check` in-process: exit codes, output per file, and the message for a malformed file.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { type CliIo, UsageError } from "../../bin/cli-io.js";
import { checkCommand } from "../../bin/commands/check.js";
import { DATA_DIR } from "./corpus.js";

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    interactive: false,
  };
  return { io, out, err };
}

const knossos = (path: string) => join(DATA_DIR, "knossos", path);
const GOOD = knossos("jsonl/cas-register/good/memstress3-0.jsonl");
const BAD = knossos("edn/cas-register/bad/rethink-fail-minimal.edn");

function scratchFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "zabsim-check-")), name);
  writeFileSync(path, text);
  return path;
}

test("linearizable histories exit 0 with one line per file", async () => {
  const { io, out } = fakeIo();
  expect(
    await checkCommand.run(
      [GOOD, GOOD.replace("-0.", "-1."), "--model", "cas-register", "--init", "0"],
      io,
    ),
  ).toBe(0);
  expect(out).toHaveLength(2);
  expect(out[0]).toMatch(
    /memstress3-0\.jsonl: linearizable \(cas-register, \d+ ops, 1 partition, [\d.]+ ms\)/,
  );
});

test("a non-linearizable history exits 1 and prints its counterexample", async () => {
  const { io, out } = fakeIo();
  expect(await checkCommand.run([GOOD, BAD, "--model", "cas-register", "--init", "0"], io)).toBe(1);
  expect(out.join("\n")).toContain("cannot linearize: process 1 read -> 3 (lines 4-7)");
  // Nothing writes 3: the read is refuted without a search, and the explanation says why.
  expect(out.join("\n")).toContain("no order can place it");
});

test("--json prints one object per file with the contract's fields", async () => {
  const { io, out } = fakeIo();
  await checkCommand.run([GOOD, BAD, "--model", "cas-register", "--init", "0", "--json"], io);
  const objects = out.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(objects.map((object) => object.valid)).toEqual([true, false]);
  expect(Object.keys(objects[1] ?? {})).toEqual([
    "file",
    "valid",
    "model",
    "ops",
    "partitions",
    "elapsed_ms",
    "counterexample",
  ]);
  expect(objects[0]?.counterexample).toBeNull();
});

test("a history whose search runs out of time exits 3 with valid unknown", async () => {
  const { io, out } = fakeIo();
  const hard = join(DATA_DIR, "porcupine-kv", "c50-ok.jsonl");
  expect(
    await checkCommand.run([hard, "--model", "kv", "--timeout", "0.000001", "--json"], io),
  ).toBe(3);
  expect(JSON.parse(out[0] ?? "{}")).toMatchObject({ valid: "unknown", counterexample: null });
});

test("a malformed file exits 2 naming file, line and field, and nothing is checked", async () => {
  const file = scratchFile(
    "bad.jsonl",
    '{"process":0,"type":"invoke","f":"write","value":1}\n{"process":0,"type":"done"}\n',
  );
  const { io, out, err } = fakeIo();
  expect(await checkCommand.run([GOOD, file, "--model", "cas-register"], io)).toBe(2);
  expect(out).toEqual([]);
  expect(err).toEqual([
    `zabsim check: ${file}:2: field 'type': expected one of invoke, ok, fail, info, got "done"`,
  ]);
});

test("a value the model cannot read exits 2 naming the line and field", async () => {
  const file = scratchFile("cas.jsonl", '{"process":0,"type":"invoke","f":"cas","value":3}\n');
  const { io, err } = fakeIo();
  expect(await checkCommand.run([file, "--model", "cas-register"], io)).toBe(2);
  expect(err[0]).toBe(`zabsim check: ${file}:1: field 'value': cas expects [expected, new], got 3`);
});

test("a missing file exits 2", async () => {
  const { io, err } = fakeIo();
  expect(await checkCommand.run(["/nonexistent/history.edn", "--model", "mutex"], io)).toBe(2);
  expect(err[0]).toContain("/nonexistent/history.edn: cannot read the file (ENOENT)");
});

test("bad usage is a UsageError (exit 2 through the CLI)", async () => {
  const { io } = fakeIo();
  await expect(
    checkCommand.run([GOOD, "--model", "cas-register", "--bogus"], io),
  ).rejects.toBeInstanceOf(UsageError);
  await expect(checkCommand.run([GOOD], io)).rejects.toThrow(/--model is required/);
  await expect(checkCommand.run([GOOD, "--model", "nope"], io)).rejects.toThrow(
    /unknown model 'nope'/,
  );
  await expect(checkCommand.run([GOOD, "--model", "kv", "--init", "{"], io)).rejects.toThrow(
    /--init/,
  );
  await expect(checkCommand.run(["--model", "kv"], io)).rejects.toThrow(/no history file/);
});
