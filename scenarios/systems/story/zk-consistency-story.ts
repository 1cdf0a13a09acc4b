// The stories of the ZooKeeper consistency check's rules (protocol/zk/consistency): the operation or watch
// event that breaks the rule, the operations it conflicts with, by client, time, server and hex zxid, and how
// the servers stood then. The messages' own wording (zxids in hex, events as `Type /path (0x..., session
// 0x...)`) supplies what the run's facts cannot: what the replay in zxid order says.
import { hexZxid } from "../labels.js";
import type { Violation, ViolationAt } from "../system.js";
import { clusterText, opText, serverText, timeText } from "./phrases.js";
import type { RunFacts, StoryOp } from "./run-facts.js";
import type { StoryContext, Told } from "./tell.js";
import { whenOf } from "./zk-conflicts.js";

type RuleStory = (op: StoryOp, others: readonly StoryOp[], violation: Violation) => string;

/** The clause after `marker` in the message (to its end), or "". */
function clauseAfter(message: string, marker: string): string {
  const at = message.lastIndexOf(marker);
  return at < 0 ? "" : message.slice(at + marker.length);
}

function readState(op: StoryOp, _others: readonly StoryOp[], violation: Violation): string {
  const replay = clauseAfter(violation.message, ", where ");
  const zxid = op.zxid === null ? "its zxid" : hexZxid(op.zxid);
  return `${opText(op)}, answered at ${timeText(whenOf(op))}, returned a state the service never passed through at ${zxid}${replay === "" ? "" : `: where ${replay}`}.`;
}

function sessionOrder(op: StoryOp, others: readonly StoryOp[]): string {
  const before = others[0];
  const seen =
    before?.zxid == null
      ? ""
      : `: ${before.client} had already seen ${hexZxid(before.zxid)} from ${opText(before)}`;
  return `${opText(op)}, answered at ${timeText(whenOf(op))}, took ${op.client}'s session back in time${seen}.`;
}

function writeOrder(op: StoryOp, others: readonly StoryOp[], violation: Violation): string {
  const other = others[0];
  const { message } = violation;
  if (message.startsWith("two writes got") && other !== undefined)
    return `${opText(op)} and ${opText(other)} both got zxid ${op.zxid === null ? "?" : hexZxid(op.zxid)}: each zxid names one txn.`;
  if (message.includes("contradicts real-time") && other !== undefined)
    return `${opText(op)}, sent at ${timeText(op.invokeUs)}, got a lower zxid than ${opText(other)}, which had completed at ${timeText(whenOf(other))}: zxid order contradicts real time.`;
  const replay = clauseAfter(message, "answers otherwise at ");
  return `${opText(op)}, answered at ${timeText(whenOf(op))}, is not what replaying the writes in zxid order answers${replay === "" ? "" : ` at ${replay}`}.`;
}

function watchOrder(op: StoryOp, others: readonly StoryOp[], violation: Violation): string {
  const fire = /should fire (\S+) (\S+) at (\S+)/.exec(violation.message);
  const change = fire === null ? "the change" : `${fire[1]} ${fire[2]} (${fire[3]})`;
  const arming = others[0];
  const watch = arming === undefined ? "its watch" : `the watch set by ${opText(arming)}`;
  return `${opText(op)}, answered at ${timeText(whenOf(op))}, already reflects ${change}, but ${op.client} had got no event from ${watch} before it: a client must see the watch event before the data that reflects the change.`;
}

const RULES: { readonly [rule: string]: RuleStory } = {
  "read-state": readState,
  "session-order": sessionOrder,
  "write-order": writeOrder,
  "watch-order": watchOrder,
};

/** What a watch event's violation says happened, in a clause (the message's own judgement). */
function eventFault(violation: Violation, facts: RunFacts, involved: readonly number[]): string {
  const { message } = violation;
  const setter = involved.flatMap((index) => facts.opAt(index) ?? [])[0];
  if (message.includes("a second time"))
    return `fired the one-shot watch set by ${setter === undefined ? "an earlier read" : opText(setter)} a second time, with no read registering it again`;
  if (message.includes("twice")) return "arrived twice";
  if (message.includes("zxid order"))
    return "arrived after an event of a later zxid: events must arrive in zxid order";
  if (message.includes("no committed txn")) return "reports a change no committed txn made";
  return "arrived although the session held no watch it fires";
}

function eventStory(violation: Violation, context: StoryContext): Told {
  const { facts } = context;
  const at = violation.at ?? {};
  const event = /(\w+) (\/\S*) \(([^,]+), session (0x[0-9a-f]+)\)/.exec(violation.message);
  const what =
    event === null ? "a watch event" : `${event[1]} ${event[2]} (${event[3]}, session ${event[4]})`;
  const timeUs = at.timeUs ?? context.endUs;
  const from = at.node === undefined ? "" : ` from ${serverText(facts, at.node, timeUs)}`;
  const client = at.client ?? "a client";
  const fault = eventFault(violation, facts, at.involved ?? []);
  const story = `${client} received ${what}${from} at ${timeText(timeUs)}, which ${fault}. ${clusterText(facts, timeUs)}`;
  return { story, at: { ...at, timeUs } };
}

/** A violation by one of the leader's own writes (closeSession of an expired session, deleteContainer). */
function leaderStory(violation: Violation, context: StoryContext): Told {
  const { facts } = context;
  const at = violation.at ?? {};
  const others = (at.involved ?? []).flatMap((index) => facts.opAt(index) ?? []);
  const timeUs = at.timeUs ?? context.endUs;
  const zxid = at.zxid === undefined ? "" : ` (${hexZxid(at.zxid)})`;
  const against = others.length === 0 ? "" : `, set against ${others.map(opText).join("; ")}`;
  const story = `${violation.check}: the leader's own write${zxid}, which no client sent${against}: ${violation.message}. ${clusterText(facts, timeUs)}`;
  return { story, at: { ...at, timeUs } };
}

export function consistencyStory(violation: Violation, context: StoryContext): Told | null {
  const { facts } = context;
  const at = violation.at;
  if (at?.observed === "watch-event") return eventStory(violation, context);
  const op = at?.historyIndex === undefined ? undefined : facts.opAt(at.historyIndex);
  const rule = RULES[violation.check];
  if (at !== undefined && op === undefined && at.client === "leader")
    return leaderStory(violation, context);
  if (at === undefined || op === undefined || rule === undefined) return null;
  const others = (at.involved ?? []).flatMap((index) => facts.opAt(index) ?? []);
  const timeUs = whenOf(op);
  const server = op.server === null ? "" : ` ${serverText(facts, op.server, timeUs)} answered it.`;
  const story = `${violation.check}: ${rule(op, others, violation)}${server} ${clusterText(facts, timeUs)}`;
  const located: ViolationAt = { ...at, client: op.client };
  return { story, at: located };
}
