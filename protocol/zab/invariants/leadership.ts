// Leadership (Leadership1/2 of the specs): at most one server is established as leader in an epoch.
import { type InvariantViolation, num, type ZabRecord } from "./records.js";

export function checkLeadership(records: readonly ZabRecord[]): InvariantViolation[] {
  const leaders = new Map<number, string>();
  const violations: InvariantViolation[] = [];
  for (const { node, timeUs, observation } of records) {
    if (observation.kind !== "leader-established") continue;
    const epoch = num(observation, "epoch");
    const previous = leaders.get(epoch);
    if (previous !== undefined) {
      violations.push({
        check: "Leadership",
        message: `${node} established in epoch ${epoch} at ${timeUs}us, already led by ${previous}`,
        at: { node, timeUs },
      });
    }
    leaders.set(epoch, node);
  }
  return violations;
}
