// The kernel self-check's violations are located at the receiving node's step and told: a broken sender
// (one that skips sequence numbers) shows as connection-fifo at the first out-of-order delivery.
import { describe, expect, test } from "vitest";
import { runSelfcheck } from "../../../../scenarios/kernel-selfcheck/index.js";

describe("kernel self-check stories", () => {
  test("connection-fifo: at the delivery that broke the stream, naming sender, receiver and both numbers", () => {
    const result = runSelfcheck(1, { durationUs: 2_000_000, skipEvery: 5 });
    expect(result.verdict).toBe("fail");
    const [first] = result.violations;
    expect(first?.check).toBe("connection-fifo");
    const match = /^(n\d) got DATA (\d+) from (n\d), expected (\d+)$/.exec(first?.message ?? "");
    expect(match).not.toBeNull();
    const [, node, seq, from, expected] = match ?? [];
    expect(first?.at?.node).toBe(node);
    const timeUs = first?.at?.timeUs ?? -1;
    expect(timeUs).toBeGreaterThan(0);
    expect(timeUs).toBeLessThanOrEqual(2_000_000);
    expect(first?.story).toContain(
      `${node} got DATA ${seq} from ${from} at ${(timeUs / 1e6).toFixed(3)} s where it expected DATA ${expected}`,
    );
    expect(first?.story).toContain(
      `the connection from ${from} to ${node} lost or reordered messages`,
    );
  });

  test("a correct sender gives no violation and the same trace on a second run", () => {
    const result = runSelfcheck(1, { durationUs: 2_000_000 });
    expect(result.violations).toEqual([]);
    expect(runSelfcheck(1, { durationUs: 2_000_000 }).trace_hash).toBe(result.trace_hash);
  });
});
