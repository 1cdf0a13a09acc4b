// The specs' ShouldNotBeTriggered flags (stateInconsistent, proposalInconsistent, commitInconsistent,
// ackInconsistent, messageIllegal) and the startup epoch check, raised by peers as `violation` observations.
import type { InvariantViolation, ZabRecord } from "./records.js";

export function checkShouldNotHappen(records: readonly ZabRecord[]): InvariantViolation[] {
  return records
    .filter((r) => r.observation.kind === "violation")
    .map(({ node, timeUs, observation: o }) => ({
      check: `ShouldNotHappen.${String(o.flag)}`,
      message: `${node} at ${timeUs}us: ${String(o.message)}`,
      at: { node, timeUs },
    }));
}
