// The lock recipe of the ZooKeeper documentation: each contender creates an ephemeral sequential node
// under /lock and holds the lock when its node has the lowest sequence number; otherwise it watches the
// node just before its own and checks again when that one goes (no herd: one waiter wakes per release).
// The lock is only as good as the session: a holder that loses its connection stops working at once,
// because its session may expire (and its node go) before it hears from ZooKeeper again.
// A crashed holder holds nothing: its node goes when its session expires, and its next incarnation queues
// again. A paused holder (a long GC) is another story: it hears nothing while paused, its session expires,
// a successor takes the lock, and when it resumes it still believes it holds the lock until its client tells
// it otherwise. The lock is a lease, and no ZooKeeper lock can prevent that overlap; the remedy is fencing
// (lock-fenced.js): the resource refuses work from a holder whose token is stale.
// Seeds 1-100 of zk-mixed, zk-partitions and zk-pauses pass, and 1-50 of zk-leader-crash-loop (they fault
// the servers only). Under zk-app-faults (app instances paused and crashed too), seed 6 shows the pause
// hazard: "app-1 acquired the lock at 4402.921 ms while app-3 held it" (app-3 paused for 2.85 s while
// holding); seeds 6, 34 and 49 of 1-100 fail so, and lock-fenced.js passes all three.
import { bySequence, CreateMode, codeOf, Exception, Session, SessionLost } from "./lib/zk.js";

export const instances = 3;

const ROOT = "/lock";
const ROUNDS = 4;
const HOLD_MS = 200;

export async function main(ctx) {
  let session = await Session.open(ctx);
  for (let round = 0; round < ROUNDS; ) {
    try {
      await session.retry("mkdirp", ROOT);
      await lockOnce(ctx, session, round);
      round++;
    } catch (error) {
      if (!(error instanceof SessionLost)) throw error;
      session.close(); // its node is gone with it: start over in a new session
      session = await Session.open(ctx);
    }
    await ctx.sleep(ctx.random() * 1_000); // rounds spread over the run, where the faults are
  }
  session.close();
}

async function lockOnce(ctx, session, round) {
  const data = Buffer.from(ctx.id);
  const mine = await session.createSequential(
    ROOT,
    `${ctx.id}-${round}`,
    data,
    CreateMode.EPHEMERAL_SEQUENTIAL,
  );
  await waitForTurn(session, mine);
  ctx.note("acquired", { round, incarnation: ctx.incarnation });
  const lost = session.nextChange().then(() => true);
  const isLost = await Promise.race([ctx.sleep(HOLD_MS).then(() => false), lost]);
  ctx.note("released", { round, lost: isLost, incarnation: ctx.incarnation });
  await session.retry("remove", `${ROOT}/${mine}`, -1).catch((error) => {
    if (codeOf(error) !== Exception.NO_NODE) throw error;
  });
}

/** Returns once `mine` is the lowest child; waits on its predecessor's deletion, or a connection change. */
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
          if (error || !stat) resolve(); // already gone, or no answer: look again
        },
      );
    });
    await Promise.race([gone, session.nextChange()]);
  }
}

/**
 * At most one holder at a time: every acquired is followed by its released before the next acquired. A
 * crashed holder never releases: it holds nothing after its crash, which lies between its last note and its
 * instance's next incarnation (ZooKeeper lets a successor in only once the crashed session has expired).
 */
export function check(notes) {
  const crashed = lastNotesOfCrashedIncarnations(notes);
  let holder = null;
  for (const note of notes) {
    if (note.event === "acquired") {
      if (holder !== null)
        return `${note.instance} acquired the lock at ${note.atMs} ms while ${holder.instance} held it (incarnation ${holder.incarnation}, since ${holder.atMs} ms)`;
      holder = note;
    } else if (note.event === "released" && isSameIncarnation(note, holder)) {
      holder = null;
    }
    if (crashed.has(note) && isSameIncarnation(note, holder)) holder = null;
  }
  return null;
}

function isSameIncarnation(note, other) {
  return note.instance === other?.instance && note.incarnation === other.incarnation;
}

/** The last note of every incarnation that crashed: one of the same instance with a higher incarnation exists. */
function lastNotesOfCrashedIncarnations(notes) {
  const last = new Map();
  const latest = new Map();
  for (const note of notes) {
    last.set(`${note.instance}/${note.incarnation}`, note);
    latest.set(note.instance, Math.max(latest.get(note.instance) ?? 0, note.incarnation));
  }
  return new Set([...last.values()].filter((note) => note.incarnation < latest.get(note.instance)));
}
