// A test-only protocol that never lets simulated time move: each timer sets itself again with zero delay, so
// the event queue always holds an event at the current instant (a livelock the kernel must notice).
import { micros, type NodeProtocol } from "../../sim/api/index.js";

export function zeroDelayLoop(): NodeProtocol<number, { readonly type: "NONE" }> {
  return {
    name: "zero-delay-loop",
    init: () => ({
      state: 0,
      effects: [{ kind: "set-timer", timer: "again", afterUs: micros(0) }],
    }),
    step: (count) => ({
      state: count + 1,
      effects: [{ kind: "set-timer", timer: "again", afterUs: micros(0) }],
    }),
  };
}
