// The report of a real ZooKeeper-consistency failure (zk-leader-crash-loop with ZOOKEEPER-3911, recorded by
// `zabsim run`): the counterexample names the operation that cannot be placed, what it returned against the
// zxid-order replay, and the writes replayed up to it; the message diagram is centred on that operation;
// the counts of violations found and recorded agree; and older run directories still get a report.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../bin/main.js";
import { writeRunReport } from "../../../bin/report/index.js";
import { capture } from "../../bin/capture.js";
import { zkConsistencyRunDir } from "../run-fixtures.js";

interface At {
  readonly process: number;
  readonly zxid: number;
  readonly timeUs: number;
  readonly historyIndex: number;
}

let dir = "";
let html = "";
let run: {
  violations: { check: string; message: string; at: At }[];
  verdicts: { check: string; violations: unknown[]; violationCount?: number; message: string }[];
};

const hex = (zxid: number) => `0x${zxid.toString(16)}`;
const section = (text: string, id: string) =>
  new RegExp(`<section id="${id}">.*?</section>`, "s").exec(text)?.[0] ?? "";

beforeAll(async () => {
  dir = await zkConsistencyRunDir();
  expect(await main(["report", dir], capture())).toBe(1);
  html = readFileSync(join(dir, "report.html"), "utf8");
  run = JSON.parse(readFileSync(join(dir, "run.json"), "utf8"));
});

describe("the counterexample of a ZooKeeper-consistency failure", () => {
  it("names the operation that cannot be placed and the rule it breaks", () => {
    const { at, check } = run.violations[0] ?? { at: null, check: "" };
    const ce = section(html, "zk-counterexample");
    expect(ce).toContain("Why the ZooKeeper history is inconsistent");
    expect(ce).toMatch(
      new RegExp(
        `The operation that cannot be placed: c\\d <code>setData /k\\d[^<]*</code>\\s+\\(process ${at?.process}, session 0x[0-9a-f]+`,
      ),
    );
    expect(ce).toContain(`answered at zxid <code>${hex(at?.zxid ?? 0)}</code>`);
    expect(ce).toContain(`Rule <b>${check}</b>: successful writes are linearizable in zxid order`);
  });

  it("says in which fields its answer differs from the state at its zxid", () => {
    const ce = section(html, "zk-counterexample");
    expect(ce).toMatch(/<li><code>stat\.version: returned \d+, the replay says \d+<\/code><\/li>/);
  });

  it("lists the successful writes in zxid order up to it, the state after each, the failing one last", () => {
    const ce = section(html, "zk-counterexample");
    const rows = [
      ...ce.matchAll(
        /<tr( class="zk-failing")?><td>(?:✗ )?\d+<\/td><td><code>(0x[0-9a-f]+)<\/code>/g,
      ),
    ];
    const zxids = rows.map((row) => Number.parseInt(row[2] ?? "", 16));
    expect(zxids.length).toBeGreaterThan(3);
    expect(zxids).toEqual([...zxids].sort((a, b) => a - b));
    expect(rows.at(-1)?.[1]).toBe(' class="zk-failing"');
    expect(zxids.at(-1)).toBe(run.violations[0]?.at.zxid);
    expect(ce).toMatch(/<code>\/k\d = &quot;[^&]*&quot; v\d+ cv\d+/);
  });

  it("centres the message diagram on that operation's reply", () => {
    const { at } = run.violations[0] ?? { at: null };
    const messages = section(html, "messages");
    expect(messages).toMatch(
      new RegExp(
        `Centred on c\\d+ setData /k\\d = \\d+ @${hex(at?.zxid ?? 0)}, where the write-order violation shows`,
      ),
    );
    expect(messages).toMatch(/class="violation-mark"/);
    const trace = readFileSync(join(dir, "trace.jsonl"), "utf8").trim().split("\n");
    const reply = trace.map((line) => JSON.parse(line)).find((e) => e.timeUs === at?.timeUs);
    expect(messages).toContain(`(trace event #${reply.index})`);
  });

  it("counts the violations found and recorded consistently", () => {
    const outcome = run.verdicts.find((v) => v.check === "zookeeper-consistency");
    const found = Number(/^(\d+) violations/.exec(outcome?.message ?? "")?.[1]);
    expect(outcome?.violationCount).toBe(found);
    expect(found).toBeGreaterThan(outcome?.violations.length ?? 0);
    expect(html).toContain(
      `<td>${found} <span class="muted">(first ${outcome?.violations.length} recorded)</span></td>`,
    );
    expect(section(html, "violations")).toMatch(
      /<h2>Violations \(\d+ recorded of \d+ found\)<\/h2>/,
    );
  });
});

describe("the report of an older ZooKeeper run directory", () => {
  it("says the counterexample needs zk-records.jsonl when it is missing", async () => {
    const copy = await zkConsistencyRunDir();
    rmSync(join(copy, "zk-records.jsonl"));
    const { file } = writeRunReport(copy);
    const ce = section(readFileSync(file, "utf8"), "zk-counterexample");
    expect(ce).toMatch(/zk-records\.jsonl is missing \(the run was recorded by an older zabsim\)/);
  });

  it("falls back to the message's zxids when violations do not say where they are", async () => {
    const copy = await zkConsistencyRunDir();
    const file = join(copy, "run.json");
    const old = JSON.parse(readFileSync(file, "utf8"));
    const strip = (v: { check: string; message: string }) => ({
      check: v.check,
      message: v.message,
    });
    old.violations = old.violations.map(strip);
    for (const outcome of old.verdicts) outcome.violations = outcome.violations.map(strip);
    writeFileSync(file, JSON.stringify(old));
    const text = readFileSync(writeRunReport(copy).file, "utf8");
    expect(section(text, "messages")).toMatch(
      /Centred on the first message carrying zxid 0x[0-9a-f]+ \(named in the message\)/,
    );
    expect(section(text, "zk-counterexample")).toMatch(
      /No violation names the operation it is about/,
    );
  });
});
