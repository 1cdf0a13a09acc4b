// Leadership (Leadership1/2 of the specs): at most one server is established as leader in an epoch.
import { type InvariantViolation, num, recordsOf, seconds, type ZabRecords } from "./records.js";

export function checkLeadership(records: ZabRecords): InvariantViolation[] {
  const leaders = new Map<number, { readonly node: string; readonly timeUs: number }>();
  const violations: InvariantViolation[] = [];
  for (const { node, timeUs, observation } of recordsOf(records)) {
    if (observation.kind !== "leader-established") continue;
    const epoch = num(observation, "epoch");
    const previous = leaders.get(epoch);
    if (previous !== undefined) {
      violations.push({
        check: "Leadership",
        message: `${node} established in epoch ${epoch} at ${seconds(timeUs)}, already led by ${previous.node}`,
        at: { node, timeUs },
        story: `${node} was established as leader of epoch ${epoch} at ${seconds(timeUs)}, but ${previous.node} had been established in the same epoch at ${seconds(previous.timeUs)}: two leaders of one epoch.`,
      });
    }
    leaders.set(epoch, { node, timeUs });
  }
  return violations;
}
