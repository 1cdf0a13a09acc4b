import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { NodeClock } from "../../sim/clock/index.js";

describe("node clock", () => {
  it("reads simulated time through its offset", () => {
    const clock = new NodeClock({ offsetUs: 300_000 });
    expect(clock.localAt(1_000)).toBe(301_000);
    expect(clock.monotonicAt(1_000)).toBe(1_000);
  });

  it("a clock that gains 1000 ppm reads 1.001 s after one simulated second", () => {
    const clock = new NodeClock({ driftPpm: 1_000 });
    expect(clock.localAt(1_000_000)).toBe(1_001_000);
  });

  it("a fast clock fires a 1 s timer early in simulated time", () => {
    const clock = new NodeClock({ driftPpm: 100_000 });
    const at = clock.realTimeOf(clock.timerClockAt(0) + 1_000_000, 0);
    expect(at).toBe(909_091);
  });

  it("a jump moves the wall clock; monotonic timers ignore it, local timers follow it", () => {
    const monotonic = new NodeClock({ timers: "monotonic" });
    expect(monotonic.jump(5_000_000)).toBe(false);
    expect(monotonic.localAt(0)).toBe(5_000_000);
    expect(monotonic.realTimeOf(1_000_000, 0)).toBe(1_000_000);
    const local = new NodeClock({ timers: "local" });
    const deadline = local.timerClockAt(0) + 1_000_000;
    expect(local.jump(400_000)).toBe(true);
    expect(local.realTimeOf(deadline, 0)).toBe(600_000);
    expect(local.jump(-2_000_000)).toBe(true);
    expect(local.realTimeOf(deadline, 0)).toBe(2_600_000);
  });

  it("a timer whose deadline already passed fires now, not in the past", () => {
    const local = new NodeClock({ timers: "local" });
    const deadline = local.timerClockAt(100) + 10;
    local.jump(1_000_000);
    expect(local.realTimeOf(deadline, 100)).toBe(100);
  });

  test.prop([
    fc.integer({ min: -200_000, max: 200_000 }),
    fc.integer({ min: 0, max: 10_000_000 }),
    fc.integer({ min: 0, max: 10_000_000 }),
    fc.integer({ min: -5_000_000, max: 5_000_000 }),
  ])(
    "a timer fires at the first microsecond its clock reaches the deadline",
    (ppm, nowUs, afterUs, offsetUs) => {
      const clock = new NodeClock({ driftPpm: ppm, offsetUs, timers: "local" });
      const deadline = clock.timerClockAt(nowUs) + afterUs;
      const at = clock.realTimeOf(deadline, nowUs);
      expect(at).toBeGreaterThanOrEqual(nowUs);
      expect(clock.timerClockAt(at)).toBeGreaterThanOrEqual(deadline);
      if (at > nowUs) expect(clock.timerClockAt(at - 1)).toBeLessThan(deadline);
    },
  );
});
