// `zabsim list`: every catalogue as text or JSON lines.
import { describe, expect, it } from "vitest";
import { main } from "../../bin/main.js";
import { capture } from "./capture.js";

describe("zabsim list", () => {
  it("lists every catalogue, or one, as text or JSON lines with name and description", async () => {
    const all = capture();
    expect(await main(["list"], all)).toBe(0);
    expect(all.stdout).toContain("models:");
    expect(all.stdout.join("\n")).toMatch(/ {4}partition-start +cut the listed directed links/);
    const models = capture();
    expect(await main(["list", "models", "--json"], models)).toBe(0);
    const items = models.stdout.map((line) => JSON.parse(line));
    expect(items.map((item) => item.name)).toEqual(
      expect.arrayContaining(["register", "cas-register", "kv", "mutex", "set", "fifo-queue"]),
    );
    for (const item of items) expect(typeof item.description).toBe("string");
  });

  it("lists planted bugs with their id and the scenario that exposes them", async () => {
    const io = capture();
    expect(await main(["list", "bugs", "--json"], io)).toBe(0);
    const bugs = io.stdout.map((line) => JSON.parse(line));
    expect(bugs.map((b) => b.id)).toContain("ZOOKEEPER-3911");
    const scenarios = capture();
    await main(["list", "scenarios", "--json"], scenarios);
    const names = scenarios.stdout.map((line) => JSON.parse(line).name);
    for (const bug of bugs) if (bug.scenario !== "") expect(names).toContain(bug.scenario);
    expect(bugs.find((b) => b.id === "ZOOKEEPER-3911")?.scenario).toBe("crash-loop");
  });

  it("shows each bug's mechanism, the command that exposes it and the checks that catch it", async () => {
    const json = capture();
    await main(["list", "bugs", "--json"], json);
    const bugs = json.stdout.map((line) => JSON.parse(line));
    const io = capture();
    expect(await main(["list", "bugs"], io)).toBe(0);
    const text = io.stdout.join("\n");
    for (const bug of bugs) {
      const block = text.slice(text.indexOf(`  ${bug.id}  (${bug.layer} layer)`));
      expect(block).toContain(`mechanism:  ${bug.description}`);
      if (bug.equivalent !== undefined) continue;
      expect(block).toMatch(
        new RegExp(`^.*\\n.*\\n {6}exposed by: zabsim run ${bug.scenario} --bug ${bug.id}\\n`),
      );
      expect(block).toContain(`caught by:  ${bug.caught_by.split(" ").join(", ")}`);
    }
    expect(text).toMatch(
      /ZOOKEEPER-3911 .*\n.*\n {6}exposed by: zabsim run crash-loop --bug ZOOKEEPER-3911\n {6}caught by: {2}LeaderLogCompleteness, /,
    );
  });

  it("groups the nemeses under headings, and names a fault twice only under different headings", async () => {
    const json = capture();
    await main(["list", "nemeses", "--json"], json);
    const items = json.stdout.map((line) => JSON.parse(line));
    const io = capture();
    expect(await main(["list", "nemeses"], io)).toBe(0);
    const headings = io.stdout
      .filter((line) => /^ {2}\S/.test(line))
      .map((l) => l.split(":")[0]?.trim());
    expect(headings).toEqual(["Generated faults", "App faults", "Kernel fault operations"]);
    const sections = io.stdout.join("\n").split(/\n(?= {2}\S)/);
    const names = sections.map((section) =>
      section
        .split("\n")
        .slice(1)
        .map((line) => line.trim().split(/\s+/)[0]),
    );
    for (const list of names) expect(new Set(list).size).toBe(list.length);
    expect(names.flat().sort()).toEqual(items.map((item) => item.name).sort());
    expect(names[0]).toContain("crash");
    expect(names[2]).toContain("crash");
  });

  it("rejects an unknown catalogue with exit 2", async () => {
    const io = capture();
    expect(await main(["list", "planets"], io)).toBe(2);
    expect(io.stderr.join("\n")).toMatch(/unknown catalogue 'planets'/);
  });
});
