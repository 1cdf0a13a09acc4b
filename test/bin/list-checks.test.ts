// `zabsim list checks` names every check a scenario can ask for (CHECK_NAMES), and the kernel self-check's.
import { expect, it } from "vitest";
import { main } from "../../bin/main.js";
import { CHECK_NAMES } from "../../scenarios/schema/index.js";
import { capture } from "./capture.js";

it("lists every check a scenario can name, each with a description", async () => {
  const io = capture();
  expect(await main(["list", "checks", "--json"], io)).toBe(0);
  const items = io.stdout.map((line) => JSON.parse(line) as { name: string; description: string });
  const names = items.map((item) => item.name);
  for (const check of CHECK_NAMES) expect(names).toContain(check);
  for (const check of ["connection-fifo", "determinism", "progress"])
    expect(names).toContain(check);
  for (const item of items) expect(item.description.length).toBeGreaterThan(0);
});
