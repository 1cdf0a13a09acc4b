// Group membership: each member (app-2..app-4) joins by creating the ephemeral node /members/<id>; app-3
// leaves after a while by closing its session (its node goes with it), the others stay. A member whose
// session expires has lost its node, so it joins again in a new session, and must not take the old
// session's node, which may linger a moment, for its own (on NODE_EXISTS, compare the ephemeralOwner).
// The monitor (app-1) lists the children of /members with a watch, and lists them again each time the
// watch fires or its connection comes back; at the end it notes the last list it saw.
// Check: the monitor's last list is the group. A member that crashes loses its node when its session
// expires and joins again when it restarts; a monitor that crashes watches again from the start.
// Seeds 1-100 of zk-mixed, zk-partitions, zk-pauses and zk-app-faults (app instances paused and crashed
// too) pass, and 1-50 of zk-leader-crash-loop.
import { CreateMode, codeOf, Exception, Session, SessionLost } from "./lib/zk.js";

export const instances = 4;

const ROOT = "/members";
/** Members stay this long (simulated ms from their start); the monitor watches a little longer. */
const STAY_MS = 15_000;
const WATCH_MS = 18_000;
const LEAVER = "app-3";

export async function main(ctx) {
  if (ctx.index === 0) await monitor(ctx);
  else await member(ctx);
}

async function member(ctx) {
  const until = ctx.id === LEAVER ? 2_000 + ctx.random() * 3_000 : STAY_MS;
  const over = ctx.sleep(until).then(() => "over");
  let session = await Session.open(ctx);
  for (;;) {
    try {
      await join(ctx, session);
      // Stay until the time is over; a session change is looked at, an expiry means joining again.
      while ((await Promise.race([over, session.nextChange()])) !== "over") {
        if (session.expired) throw new SessionLost("session expired");
      }
      break;
    } catch (error) {
      if (!(error instanceof SessionLost)) throw error;
      session.close();
      session = await Session.open(ctx);
    }
  }
  if (ctx.id === LEAVER) {
    ctx.note("left", { incarnation: ctx.incarnation });
    session.close();
  }
}

async function join(ctx, session) {
  await session.retry("mkdirp", ROOT);
  const path = `${ROOT}/${ctx.id}`;
  for (;;) {
    try {
      await session.retry("create", path, null, CreateMode.EPHEMERAL);
      break;
    } catch (error) {
      if (codeOf(error) !== Exception.NODE_EXISTS) throw error;
    }
    // The node is this session's (a create hidden by a connection loss got in), or an expired session's
    // that ZooKeeper has not deleted yet: then wait for it to go, and create it again.
    let fired;
    const gone = new Promise((resolve) => {
      fired = resolve;
    });
    const [stat] = await session.retry("exists", path, () => fired());
    if (stat?.ephemeralOwner.equals(session.client.getSessionId())) break;
    if (stat) await Promise.race([gone, session.nextChange()]);
  }
  ctx.note("joined", { incarnation: ctx.incarnation });
}

async function monitor(ctx) {
  const over = ctx.sleep(WATCH_MS).then(() => "over");
  let session = await Session.open(ctx);
  let list = [];
  for (;;) {
    try {
      await session.retry("mkdirp", ROOT);
      for (;;) {
        let fired;
        const changed = new Promise((resolve) => {
          fired = resolve;
        });
        const [children] = await session.retry("getChildren", ROOT, () => fired());
        list = [...children].sort();
        ctx.note("members", { list, incarnation: ctx.incarnation });
        if ((await Promise.race([over, changed, session.nextChange()])) === "over") break;
      }
      break;
    } catch (error) {
      if (!(error instanceof SessionLost)) throw error;
      session.close();
      session = await Session.open(ctx);
    }
  }
  ctx.note("final", { list, incarnation: ctx.incarnation });
  session.close();
}

/**
 * The monitor's last list is the group: the members that joined and did not leave. A member that crashed
 * lost its session, and its node with it, but its next incarnation joins again; a monitor that crashed
 * watches again, and its last incarnation's final list is the one judged.
 */
export function check(notes) {
  const group = new Set();
  let final = null;
  for (const note of notes) {
    if (note.event === "joined") group.add(note.instance);
    if (note.event === "left") group.delete(note.instance);
    if (note.event === "final") final = note;
  }
  if (final === null) return "the monitor noted no final list";
  const expected = [...group].sort().join(",");
  const listed = final.list.join(",");
  if (listed !== expected)
    return `the monitor's final list is [${listed}], the group is [${expected}]`;
  return null;
}
