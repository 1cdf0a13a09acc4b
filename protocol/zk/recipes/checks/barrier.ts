// The barrier (reference §7 "Barrier"): nobody passes while the barrier node exists. Judged on zxids, not
// on times: a pass is noted with the zxid of the read that found no node; the node existed from the zxid
// of its create (`raised`) to the zxid of its delete (`lowered`). A pass served inside that window saw a
// state in which the node existed. A `lowered` without a zxid (the delete's answer was lost) closes the
// window at the raise, so it judges nothing.

import {
  atNote,
  hexZxid,
  notesOf,
  numberField,
  type RecipeViolation,
  type RecordedObservation,
  seconds,
} from "./records.js";

export function checkBarrier(records: readonly RecordedObservation[]): RecipeViolation[] {
  const notes = notesOf(records, "barrier");
  const raised = notes.find((n) => n.event === "raised");
  if (raised === undefined) return [];
  const raisedZxid = numberField(raised, "zxid") ?? Number.POSITIVE_INFINITY;
  const lowered = notes.find((n) => n.event === "lowered");
  const loweredZxid =
    lowered === undefined ? Number.POSITIVE_INFINITY : (numberField(lowered, "zxid") ?? raisedZxid);
  return notes
    .filter((n) => n.event === "passed")
    .filter((n) => {
      const zxid = numberField(n, "zxid") ?? -1;
      return zxid >= raisedZxid && zxid < loweredZxid;
    })
    .map((n) => {
      const zxid = numberField(n, "zxid") ?? -1;
      const until = Number.isFinite(loweredZxid) ? hexZxid(loweredZxid) : "the end";
      return {
        check: "barrier",
        message: `${n.client} passed at ${seconds(n.timeUs)} on a read at zxid ${hexZxid(zxid)}, while the barrier stood (zxids ${hexZxid(raisedZxid)}..${until})`,
        at: atNote(n, zxid),
        story: `${n.client} passed the barrier at ${seconds(n.timeUs)} on a read served at ${hexZxid(zxid)}, but the barrier node stood from its create at ${hexZxid(raisedZxid)} (noted by ${raised.client} at ${seconds(raised.timeUs)}) until ${lowered === undefined ? "the end of the run" : `its delete at ${until} (${seconds(lowered.timeUs)})`}.`,
      };
    });
}
