// The stories of the sessions check (scenarios/systems/zk-checks.ts): an ephemeral that outlives its
// session on a server, a client that saw the protocol broken, a watch event that fired no watch its client
// held. Each is told where it showed: the server step, the client's operation in flight, the read that set
// the watch.
import type { Json } from "../../../sim/api/index.js";
import type { Violation, ViolationAt } from "../system.js";
import { clusterText, opText, serverText, timeText } from "./phrases.js";
import type { RunFacts, StoryOp } from "./run-facts.js";
import type { StoryContext, Told } from "./tell.js";
import { pathsOf } from "./zk-conflicts.js";

function ephemeralStory(violation: Violation, context: StoryContext): Told {
  const { facts } = context;
  const at = violation.at ?? {};
  const timeUs = at.timeUs ?? context.endUs;
  const found = /^(\S+): (\S+) outlives its session (0x[0-9a-f]+)/.exec(violation.message);
  const [server, path, session] =
    found === null ? [at.node ?? "a server", "an ephemeral", "?"] : found.slice(1);
  const createIndex = at.involved?.[0];
  const create = createIndex === undefined ? undefined : facts.opAt(createIndex);
  const closed = /closed by (0x[0-9a-f]+) at ([0-9.]+ s)/.exec(violation.message);
  const made = /created by (0x[0-9a-f]+) at ([0-9.]+ s)/.exec(violation.message);
  const order =
    closed !== null && made !== null
      ? ` ${server} applied the close of session ${session} (${closed[1]}) at ${closed[2]} and then its create (${made[1]}) at ${made[2]}: the create was let through after the close had been prepared.`
      : "";
  const by = create === undefined ? "" : ` ${opText(create)} made it.`;
  const story = `${server} still holds ${path} at the end of the run, an ephemeral of session ${session}, which no longer exists.${by}${order} ${clusterText(facts, timeUs)}`;
  const client = create === undefined ? {} : { client: create.client };
  return { story, at: { ...at, timeUs, ...client } };
}

/** The client's operation in flight at `timeUs` (the last one sent by then). */
function inFlight(facts: RunFacts, client: string, timeUs: number): StoryOp | undefined {
  return facts.ops.findLast(
    (op) =>
      op.client === client &&
      op.invokeUs <= timeUs &&
      (op.completeUs === null || op.completeUs >= timeUs),
  );
}

function clientProtocolStory(violation: Violation, context: StoryContext): Told {
  const { facts } = context;
  const at = violation.at ?? {};
  const timeUs = at.timeUs ?? context.endUs;
  const client = at.client ?? "a client";
  const op = inFlight(facts, client, timeUs);
  const what = violation.message.slice(violation.message.indexOf(": ") + 2);
  const waiting = op === undefined ? "" : ` while waiting for ${opText(op)}`;
  const from = at.node === undefined ? "" : ` ${serverText(facts, at.node, timeUs)} sent it.`;
  const story = `${client} saw the client protocol broken at ${timeText(timeUs)}${waiting}: ${what}.${from} ${clusterText(facts, timeUs)}`;
  const located: ViolationAt =
    op === undefined
      ? { ...at, timeUs }
      : { ...at, timeUs, process: op.process, historyIndex: op.historyIndex };
  return { story, at: located };
}

function watched(value: Json): boolean {
  return (value as { readonly watch?: Json } | null)?.watch === true;
}

function watchFiredStory(violation: Violation, context: StoryContext): Told {
  const { facts } = context;
  const at = violation.at ?? {};
  const timeUs = at.timeUs ?? context.endUs;
  const client = at.client ?? "a client";
  const event = /: (\w+) (\/\S*) (0x[0-9a-f]+|no zxid)/.exec(violation.message);
  const path = event?.[2];
  const setter = facts.ops.findLast(
    (op) =>
      op.client === client &&
      watched(op.value) &&
      (op.completeUs ?? timeUs + 1) <= timeUs &&
      path !== undefined &&
      pathsOf(op).includes(path),
  );
  const what = event === null ? "a watch event" : `${event[1]} ${event[2]} (${event[3]})`;
  const twice = violation.message.endsWith("twice");
  const fault = twice ? "fired a one-shot watch a second time" : "fired no watch it held";
  const last =
    setter === undefined ? "" : ` Its last watch on ${path} was set by ${opText(setter)}.`;
  const from = at.node === undefined ? "" : ` from ${serverText(facts, at.node, timeUs)}`;
  const story = `${client} received ${what}${from} at ${timeText(timeUs)}, which ${fault}.${last} ${clusterText(facts, timeUs)}`;
  const involved = setter === undefined ? {} : { involved: [setter.historyIndex] };
  return { story, at: { ...at, timeUs, ...involved } };
}

export function sessionsStory(violation: Violation, context: StoryContext): Told | null {
  switch (violation.check) {
    case "EphemeralOwnerAlive":
      return ephemeralStory(violation, context);
    case "ClientProtocol":
      return clientProtocolStory(violation, context);
    case "WatchFired":
      return watchFiredStory(violation, context);
    default:
      return null;
  }
}
