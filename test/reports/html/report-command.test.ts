// `zabsim report RUN_DIR --html FILE` on a real failing planted-bug run: one self-contained file holding the
// summary, violations, the operation timeline data, the message diagram, roles and metrics.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../bin/main.js";
import { capture } from "../../bin/capture.js";
import { PLANTED, plantedBugRunDir, staleReadRunDir } from "../run-fixtures.js";

function reportData(html: string) {
  const match = /<script id="report-data" type="application\/json">(.*?)<\/script>/s.exec(html);
  if (match?.[1] === undefined) throw new Error("no report data block");
  return JSON.parse(match[1]);
}

interface Rendered {
  readonly dir: string;
  readonly html: string;
  readonly run: Record<string, unknown>;
}

let rendered: Promise<Rendered> | null = null;

/** Runs the planted bug and renders its report once for every test in this file. */
function plantedReport(): Promise<Rendered> {
  rendered ??= (async () => {
    const dir = await plantedBugRunDir();
    const io = capture();
    const file = join(dir, "custom.html");
    expect(await main(["report", dir, "--html", file], io)).toBe(1);
    expect(io.stdout[0]).toMatch(/^report: .*custom\.html \(\d+ KiB; crash-loop seed 1: fail\)$/);
    const html = readFileSync(file, "utf8");
    return { dir, html, run: JSON.parse(readFileSync(join(dir, "run.json"), "utf8")) };
  })();
  return rendered;
}

describe("the report of a failing planted-bug run (crash-loop, ZOOKEEPER-3911, seed 1)", () => {
  let dir = "";
  let html = "";
  let run: Record<string, unknown> = {};

  beforeAll(async () => {
    ({ dir, html, run } = await plantedReport());
  });

  it("is self-contained: no external script, stylesheet, font, image or link target", () => {
    expect(html).not.toMatch(
      /<script[^>]+src=|<link\b|@import|url\(\s*['"]?https?:|<img\b|\bsrc="https?:/i,
    );
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain("Content-Security-Policy");
    expect(html.match(/<script\b/g)).toHaveLength(2);
  });

  it("summarises scenario, seed, version, bugs, verdicts, trace hash and the repro command", () => {
    expect(html).toContain("<h1>crash-loop · seed 1");
    expect(html).toContain(String(run.trace_hash));
    expect(html).toContain(
      `<code id="repro">npx zabsim run crash-loop --seed 1 --bug ${PLANTED.bug}</code>`,
    );
    expect(html).toMatch(/<td>zab-invariants<\/td><td><span class="verdict verdict-fail">FAIL/);
    expect(html).toMatch(/<td>liveness<\/td><td><span class="verdict verdict-(pass|unknown)">/);
    expect(html).toMatch(/<th scope="row">zabsim version<\/th><td>0\.1\.0<\/td>/);
  });

  it("groups the violations by invariant and names the first one", () => {
    const first = (run.violations as { check: string; message: string }[])[0];
    expect(first).toBeDefined();
    expect(html).toContain(`data-check="${first?.check}"`);
    expect(html).toContain(first?.message);
  });

  it("embeds one timeline entry per client operation, laned by client, and every fault", () => {
    const data = reportData(html);
    const history = readFileSync(join(dir, "history.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const invokes = history.filter((e) => e.type === "invoke" && e.process !== "nemesis");
    expect(data.timeline.startDelta).toHaveLength(invokes.length);
    expect(data.timeline.lanes).toEqual(["c1", "c2", "c3"]);
    const crashes = history.filter((e) => e.process === "nemesis" && e.f === "crash");
    expect(data.faults.filter((f: { f: string }) => f.f === "crash")).toHaveLength(crashes.length);
    expect(html).toContain(`Client operations, per client (${invokes.length})`);
  });
});

describe("the planted-bug report's diagrams", () => {
  let dir = "";
  let html = "";
  let run: Record<string, unknown> = {};

  beforeAll(async () => {
    ({ dir, html, run } = await plantedReport());
  });

  it("draws the messages around the violation, with arrows between servers and the focus row", () => {
    const svg = /<svg id="messages-svg".*?<\/svg>/s.exec(html)?.[0] ?? "";
    expect(svg.match(/class="msg msg-/g)?.length ?? 0).toBeGreaterThan(20);
    expect(svg).toContain('class="focus-row"');
    const head = /<svg class="lanes-head".*?<\/svg>/s.exec(html)?.[0] ?? "";
    expect([...head.matchAll(/>(\w+)<\/text>/g)].map((m) => m[1])).toEqual(["n1", "n2", "n3"]);
    // Where the first violation says it shows (run.json's `at`), not a guess from its message.
    const first = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")).violations[0];
    const zxid = `0x${first.at.zxid.toString(16)}`;
    expect(html).toContain(
      `Centred on ${first.at.node}&#39;s step at zxid ${zxid}, where the ${first.check} violation shows`,
    );
    expect(svg).toContain(`✗ ${first.check}: ${first.at.node} at zxid ${zxid}</text>`);
  });

  it("shows each server's role and epoch, with leaders and down periods", () => {
    const svg = /<svg id="roles-svg".*?<\/svg>/s.exec(html)?.[0] ?? "";
    for (const server of ["n1", "n2", "n3"]) expect(svg).toContain(`data-server="${server}"`);
    expect(svg).toMatch(/role role-leading/);
    expect(svg).toMatch(/role role-down/);
    expect(svg).toMatch(/leading epoch \d+/);
  });

  it("shows what every server's four-letter words (mntr) said at the end, and each one's mode at every probe", () => {
    const section = /<section id="servers">.*?<\/section>/s.exec(html)?.[0] ?? "";
    const monitor = run.monitor as {
      servers: { node: string; stats: { mode?: string } | null }[];
    }[];
    const last = monitor.at(-1)?.servers ?? [];
    expect(last.map((s) => s.node)).toEqual(["n1", "n2", "n3"]);
    for (const server of last) {
      const row = new RegExp(`<tr><td>${server.node}</td>(.*?)</tr>`).exec(section)?.[1] ?? "";
      expect(row).toContain(`<td>${server.stats?.mode ?? "no answer"}`);
    }
    const strip = /<pre class="mode-strip">(.*?)<\/pre>/s.exec(section)?.[1] ?? "";
    const lines = strip.split("\n");
    expect(lines).toHaveLength(3);
    // The crash loop takes servers down: some probe found one down (×), and some found a leader.
    expect(strip).toContain("×");
    expect(strip).toContain("L");
    for (const line of lines) expect(line.length - 5).toBe(monitor.length);
  });

  it("charts throughput and latency with the faults shaded", () => {
    for (const id of ["throughput-svg", "latency-svg"]) {
      const svg = new RegExp(`<svg id="${id}".*?</svg>`, "s").exec(html)?.[0] ?? "";
      expect(svg).toContain('class="fault-band"');
    }
    expect(html).toMatch(/points="[\d., ]+" class="latency-p99"/);
  });

  it("writes RUN_DIR/report.html by default", async () => {
    expect(await main(["report", dir], capture())).toBe(1);
    expect(statSync(join(dir, "report.html")).size).toBeGreaterThan(10_000);
  });
});

describe("the report of a run whose history is not linearizable", () => {
  it("shows the operation that cannot be placed and why no order can place it", async () => {
    const dir = staleReadRunDir();
    expect(await main(["report", dir], capture())).toBe(1);
    const html = readFileSync(join(dir, "report.html"), "utf8");
    const section = /<section id="counterexample">.*?<\/section>/s.exec(html)?.[0] ?? "";
    // Nothing writes 0 and the register starts at null: the read is refuted without a search.
    expect(section).toMatch(
      /<p class="key-fact">p1 read → 0 returned a value nothing gives before it returns, and the initial state null does not hold it/,
    );
    expect(section).toContain("Refuted without a search: no operation invoked before the read");
    expect(section).toContain('class="lin-op lin-stuck"');
    expect(existsSync(join(dir, "report.html"))).toBe(true);
  });
});
