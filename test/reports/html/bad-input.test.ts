// Bad run directories are refused with exit code 2 and a message naming the file and line, and nothing is
// written: no report, no temporary file left behind.
import {
  appendFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../bin/main.js";
import { capture } from "../../bin/capture.js";
import { staleReadRunDir } from "../run-fixtures.js";

async function report(dir: string) {
  const io = capture();
  const code = await main(["report", dir, "--html", join(dir, "out.html")], io);
  const written = readdirSync(dir).filter(
    (f) => f.startsWith("out.html") || f.startsWith("report.html"),
  );
  return { code, message: io.stderr.join("\n"), written, stdout: io.stdout };
}

describe("zabsim report on bad input", () => {
  it("refuses a missing run directory", async () => {
    const io = capture();
    expect(await main(["report", "/nonexistent/zabsim-run"], io)).toBe(2);
    expect(io.stderr).toEqual(["zabsim report: /nonexistent/zabsim-run: no such run directory"]);
  });

  it("refuses a directory without run.json", async () => {
    const dir = staleReadRunDir();
    rmSync(join(dir, "run.json"));
    const result = await report(dir);
    expect(result.code).toBe(2);
    expect(result.message).toMatch(/run\.json: missing/);
  });

  it("names the line of a truncated trace.jsonl and writes nothing", async () => {
    const dir = staleReadRunDir();
    const file = join(dir, "trace.jsonl");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.slice(0, text.length - 20));
    const result = await report(dir);
    expect(result.code).toBe(2);
    expect(result.message).toMatch(/trace\.jsonl:6: not valid JSON .*looks truncated/);
    expect(result.written).toEqual([]);
  });
});

describe("zabsim report on a foreign or cut trace.jsonl", () => {
  it("calls a foreign trace.jsonl not a trace, naming file, line and field (a history in its place)", async () => {
    const dir = staleReadRunDir();
    writeFileSync(join(dir, "trace.jsonl"), readFileSync(join(dir, "history.jsonl")));
    const result = await report(dir);
    expect(result.code).toBe(2);
    expect(result.message).toMatch(
      /trace\.jsonl:1: not a zabsim trace: its first line "\{\\"process\\":0,.*" has no valid 'index' field/,
    );
    expect(result.written).toEqual([]);
  });

  it("calls an HTML page or a binary file in place of trace.jsonl not a trace, not truncated", async () => {
    const dir = staleReadRunDir();
    writeFileSync(join(dir, "trace.jsonl"), "<!DOCTYPE html>\n<html><body>report</body></html>\n");
    const html = await report(dir);
    expect(html.code).toBe(2);
    expect(html.message).toMatch(
      /trace\.jsonl:1: not a zabsim trace: its first line "<!DOCTYPE html>" is not JSON/,
    );
    writeFileSync(join(dir, "trace.jsonl"), Buffer.from([0x50, 0x4b, 3, 4, 0, 1, 0xff, 0xfe]));
    const binary = await report(dir);
    expect(binary.code).toBe(2);
    expect(binary.message).toMatch(/trace\.jsonl:1: not a zabsim trace: .* is not JSON/);
    expect(binary.message).not.toMatch(/truncated/);
  });

  it("refuses a trace cut cleanly at a line, shorter than run.json says (as zabsim replay does)", async () => {
    const dir = staleReadRunDir();
    const file = join(dir, "run.json");
    const run = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, JSON.stringify({ ...run, stats: { ...run.stats, trace_entries: 6 } }));
    const trace = readFileSync(join(dir, "trace.jsonl"), "utf8").split("\n").slice(0, 4);
    writeFileSync(join(dir, "trace.jsonl"), `${trace.join("\n")}\n`);
    const result = await report(dir);
    expect(result.code).toBe(2);
    expect(result.message).toMatch(
      /trace\.jsonl: truncated: 4 entries, but run\.json's stats say 6/,
    );
    expect(result.written).toEqual([]);
  });
});

describe("zabsim report on bad history.jsonl and run.json", () => {
  it("names the line of a bad field in history.jsonl", async () => {
    const dir = staleReadRunDir();
    appendFileSync(
      join(dir, "history.jsonl"),
      '{"process":1,"type":"done","f":"read","value":0,"time":5}\n',
    );
    const result = await report(dir);
    expect(result.code).toBe(2);
    expect(result.message).toMatch(/history\.jsonl:7: field 'type': /);
  });

  it("names the line of a syntax error and of a bad field in run.json", async () => {
    const dir = staleReadRunDir();
    const file = join(dir, "run.json");
    const good = readFileSync(file, "utf8");
    writeFileSync(file, good.replace('"seed": 7', '"seed": "seven"'));
    const bad = await report(dir);
    expect(bad.code).toBe(2);
    expect(bad.message).toMatch(/run\.json:3: field 'seed': /);
    writeFileSync(file, good.slice(0, 200));
    const cut = await report(dir);
    expect(cut.code).toBe(2);
    expect(cut.message).toMatch(/run\.json:\d+: not valid JSON/);
    expect(cut.written).toEqual([]);
    expect(existsSync(join(dir, "out.html"))).toBe(false);
  });

  it("refuses usage without a run directory", async () => {
    const io = capture();
    expect(await main(["report"], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/no run directory given/);
  });
});
