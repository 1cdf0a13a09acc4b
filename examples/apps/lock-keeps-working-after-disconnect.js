// BROKEN on purpose: the lock of lock.js, but the holder works for a long time (2 s, a `work` note every
// 100 ms claiming the lock) and never listens to its session. When its connection is cut off for longer
// than the session timeout (300 ms here), ZooKeeper expires the session and deletes the holder's node; the
// next waiter takes the lock while the old holder, unaware, keeps working: two workers at once.
// Fix: stop working on `disconnected`, as lock.js does, with a session timeout well above the servers'
// syncLimit (lock.js asks 2 s; at 300 ms even that holder can be overtaken when a paused leader resumes and
// expires sessions), and fence the resource when pauses can outlast the session (lock-fenced.js).
// `zabsim run zk-partitions --app examples/apps/lock-keeps-working-after-disconnect.js` fails at seed 5:
//   "app-3 acquired the lock at 2103.823 ms while app-1 was still working"
// (zk-partitions seeds 1-30: 5, 10, 30 fail; zk-mixed: 14, 27, 28; zk-no-faults never fails).
import { bySequence, CreateMode, Session, SessionLost } from "./lib/zk.js";

export const instances = 3;

const ROOT = "/lock";
const SESSION_TIMEOUT_MS = 300;

export async function main(ctx) {
  let session = await Session.open(ctx, SESSION_TIMEOUT_MS);
  for (;;) {
    try {
      await session.retry("mkdirp", ROOT);
      const mine = await session.createSequential(
        ROOT,
        ctx.id,
        null,
        CreateMode.EPHEMERAL_SEQUENTIAL,
      );
      await waitForTurn(session, mine);
      break;
    } catch (error) {
      if (!(error instanceof SessionLost)) throw error;
      session.close(); // lost while waiting: queue again in a new session
      session = await Session.open(ctx, SESSION_TIMEOUT_MS);
    }
  }
  ctx.note("acquired");
  // THE BUG: twenty steps of work, and not one look at the session while doing them.
  for (let step = 0; step < 20; step++) {
    ctx.note("work", { step, owner: ctx.id });
    await ctx.sleep(100);
  }
  ctx.note("released");
  session.close(); // deletes the node, if the session still has it
}

/** Returns once `mine` is the lowest child (as in lock.js). */
async function waitForTurn(session, mine) {
  for (;;) {
    const [children] = await session.retry("getChildren", ROOT);
    const sorted = bySequence(children);
    const index = sorted.indexOf(mine);
    if (index === -1) throw new SessionLost(`${mine} is gone: the session expired`);
    if (index === 0) return;
    const gone = new Promise((resolve) => {
      session.client.exists(
        `${ROOT}/${sorted[index - 1]}`,
        () => resolve(),
        (error, stat) => {
          if (error || !stat) resolve();
        },
      );
    });
    await Promise.race([gone, session.nextChange()]);
  }
}

/** Work is exclusive: no one works, or acquires, between another holder's acquired and released. */
export function check(notes) {
  let holder = null;
  for (const note of notes) {
    if (note.event === "acquired") {
      if (holder !== null)
        return `${note.instance} acquired the lock at ${note.atMs} ms while ${holder} was still working`;
      holder = note.instance;
    } else if (note.event === "work" && note.owner !== holder) {
      return `${note.instance} worked at ${note.atMs} ms while ${holder} held the lock`;
    } else if (note.event === "released" && note.instance === holder) {
      holder = null;
    }
  }
  return null;
}
