// `zabsim list`: every catalogue as text or JSON lines.
import { describe, expect, it } from "vitest";
import { main } from "../../bin/main.js";
import { capture } from "./capture.js";

describe("zabsim list", () => {
  it("lists every catalogue, or one, as text or JSON lines with name and description", async () => {
    const all = capture();
    expect(await main(["list"], all)).toBe(0);
    expect(all.stdout).toContain("models:");
    expect(all.stdout.join("\n")).toMatch(/partition-start +cut the listed directed links/);
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

  it("rejects an unknown catalogue with exit 2", async () => {
    const io = capture();
    expect(await main(["list", "planets"], io)).toBe(2);
    expect(io.stderr.join("\n")).toMatch(/unknown catalogue 'planets'/);
  });
});
