// The specs' ShouldNotBeTriggered flags (stateInconsistent, proposalInconsistent, commitInconsistent,
// ackInconsistent, messageIllegal) and the startup epoch check, raised by peers as `violation` observations.
import { type InvariantViolation, recordsOf, seconds, type ZabRecords } from "./records.js";

export function checkShouldNotHappen(records: ZabRecords): InvariantViolation[] {
  return recordsOf(records)
    .filter((r) => r.observation.kind === "violation")
    .map(({ node, timeUs, observation: o }) => ({
      check: `ShouldNotHappen.${String(o.flag)}`,
      message: `${node} at ${seconds(timeUs)}: ${String(o.message)}`,
      at: { node, timeUs },
      story: `${node} hit a state the protocol rules out (${String(o.flag)}) at ${seconds(timeUs)}: ${String(o.message)}.`,
    }));
}
