// JUnit XML: a test case per seed, grouped by scenario; failures carry the violations and the exact repro
// command; inconclusive seeds are skipped; anything a violation message holds is escaped.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeJunit } from "../../../bin/report/index.js";
import { type JunitCase, junitXml, VIOLATIONS_LISTED } from "../../../reports/junit/index.js";
import { wellFormedProblem } from "./well-formed.js";

const base = { trace_hash: "99055022132f8724", wall_ms: 525 } as const;

const cases: JunitCase[] = [
  {
    ...base,
    scenario: "crash-loop",
    seed: 1,
    verdict: "pass",
    violations: [],
    repro: "npx zabsim run crash-loop --seed 1",
  },
  {
    ...base,
    scenario: "crash-loop",
    seed: 2,
    verdict: "fail",
    violations: [
      { check: "Agreement", message: 'after 0x100000014: n1 delivered "<a&b>" \u0001 \ud800' },
      { check: "PrefixConsistency", message: "n3 delivered ]]> out of order" },
    ],
    repro: "npx zabsim run crash-loop --seed 2 --bug ZOOKEEPER-3911",
    run_dir: "runs/crash-loop/seed-2",
  },
  {
    ...base,
    scenario: "isolate-leader",
    seed: 3,
    verdict: "unknown",
    violations: [{ check: "liveness", message: "no write after healing" }],
    repro: "npx zabsim run isolate-leader --seed 3",
  },
];

describe("junitXml", () => {
  const xml = junitXml(cases);

  it("is well-formed XML even when violation messages hold markup and forbidden characters", () => {
    expect(wellFormedProblem(xml)).toBeNull();
    expect(xml).toContain("&quot;&lt;a&amp;b&gt;&quot; \ufffd \ufffd");
    expect(wellFormedProblem("<a><b></a></b>")).not.toBeNull();
    expect(wellFormedProblem('<a x="<"/>')).not.toBeNull();
  });

  it("has a suite per scenario with counts, and a case per seed", () => {
    expect(xml).toMatch(
      /<testsuites name="zabsim" tests="3" failures="1" errors="0" skipped="1" time="1\.575">/,
    );
    expect(xml).toMatch(
      /<testsuite name="zabsim run crash-loop" tests="2" failures="1" errors="0" skipped="0"/,
    );
    expect(xml).toMatch(
      /<testsuite name="zabsim run isolate-leader" tests="1" failures="0" errors="0" skipped="1"/,
    );
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toContain('<testcase classname="zabsim.crash-loop" name="seed 2" time="0.525">');
  });

  it("gives a failure its first violation as message, every violation, the repro command and run dir", () => {
    const failure = /<failure message="([^"]*)" type="Agreement">([^<]*)<\/failure>/.exec(xml);
    expect(failure?.[1]).toMatch(/^Agreement: after 0x100000014: .* \(\+1 more\)$/);
    expect(failure?.[2]).toContain("PrefixConsistency: n3 delivered ]]&gt; out of order");
    expect(failure?.[2]).toContain(
      "repro: npx zabsim run crash-loop --seed 2 --bug ZOOKEEPER-3911",
    );
    expect(failure?.[2]).toContain("run dir: runs/crash-loop/seed-2");
  });

  it("marks an inconclusive seed skipped, with why", () => {
    expect(xml).toContain('<skipped message="inconclusive: liveness: no write after healing"/>');
  });

  it("lists at most VIOLATIONS_LISTED violations and counts the rest", () => {
    const many = Array.from({ length: VIOLATIONS_LISTED + 5 }, (_, i) => ({
      check: "Agreement",
      message: `m${i}`,
    }));
    const text = junitXml([
      { ...base, scenario: "s", seed: 1, verdict: "fail", violations: many, repro: "r" },
    ]);
    expect(text).toContain("... and 5 more violations");
    expect(text).not.toContain(`m${VIOLATIONS_LISTED}\n`);
  });

  it("writeJunit writes the file whole, leaving no temporary file", () => {
    const dir = mkdtempSync(join(tmpdir(), "zabsim-junit-"));
    writeJunit(join(dir, "junit.xml"), cases);
    expect(readdirSync(dir)).toEqual(["junit.xml"]);
    expect(readFileSync(join(dir, "junit.xml"), "utf8")).toBe(xml);
  });
});

describe("junitXml: stories and locations", () => {
  it("names each violation's story and where it became visible: client, server, time, hex zxid", () => {
    const story = "n1, cut off from the leader since 2.000 s, answered getData /k0 = 4000017";
    const violation = {
      check: "linearizability",
      message: "not linearizable: cannot linearize: process 86 getData",
      story,
      at: { client: "c3", process: 86, node: "n1", timeUs: 2_056_000, zxid: 0x10000002a },
    };
    const text = junitXml([
      {
        ...base,
        scenario: "zk-stale-read",
        seed: 1,
        verdict: "fail",
        violations: [violation],
        repro: "r",
      },
    ]);
    const failure = /<failure message="([^"]*)" type="linearizability">([^<]*)<\/failure>/.exec(
      text,
    );
    expect(failure?.[1]).toBe(
      `linearizability (client c3, server n1, at 2.056 s, zxid 0x10000002a): ${story}`,
    );
    expect(failure?.[2]).toContain(
      `linearizability: ${story}\n  where: client c3, server n1, at 2.056 s, zxid 0x10000002a\n  message: not linearizable`,
    );
    const bare = junitXml([
      {
        ...base,
        scenario: "s",
        seed: 1,
        verdict: "fail",
        repro: "r",
        violations: [{ check: "liveness", message: "m", at: { process: 4 } }],
      },
    ]);
    expect(bare).toContain('message="liveness (process 4): m"');
  });
});
