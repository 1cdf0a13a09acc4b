// Leader election (the ZooKeeper recipe): each candidate creates an ephemeral sequential node under
// /election; the lowest node's owner leads, with the node's sequence number as its term. A candidate that is
// not lowest watches the node just before its own (one wakes per change, no herd). A leader leads for a
// while, resigns by deleting its node, and stands again, until it has led twice.
//
// What ZooKeeper guarantees: at any point of ZooKeeper's history one node is lowest, and the lowest node's
// sequence number only grows, so terms increase. What it does not: that two processes never *believe* they
// lead at once. A leader cut off from the ensemble learns that its session expired only when it reconnects,
// while the others may already have elected the next. So a leader here resigns as soon as it is disconnected;
// with a session timeout (2 s) above the servers' own failure detection (syncLimit, 500 ms), it hears of the
// trouble before the session can expire. A crashed leader leads nothing: its node goes with its session.
// A leader that pauses (a long GC) cannot hear of anything: its session expires, the next candidate leads,
// and the paused one, when it resumes, still believes it leads until its client tells it otherwise.
// Leadership is a lease; the remedy is fencing: whatever a leader writes carries its term, and the
// resource refuses a term lower than one it has seen (lock-fenced.js does this for the lock).
// Seeds 1-100 of zk-mixed, zk-partitions and zk-pauses pass, and 1-50 of zk-leader-crash-loop (they fault
// the servers only). Under zk-app-faults (app instances paused and crashed too), seed 34 shows the pause
// hazard: "app-3 led term 5 at 5403.168 ms while app-2 led term 4" (app-2 paused for 5.18 s while
// leading); it is the one failing seed of 1-100.
import { bySequence, CreateMode, codeOf, Exception, Session, SessionLost } from "./lib/zk.js";

export const instances = 3;

const ROOT = "/election";
const TERMS_EACH = 2;
const LEAD_MS = 300;

export async function main(ctx) {
  let session = await Session.open(ctx);
  for (let led = 0; led < TERMS_EACH; ) {
    try {
      await session.retry("mkdirp", ROOT);
      await standOnce(ctx, session, led);
      led++;
    } catch (error) {
      if (!(error instanceof SessionLost)) throw error;
      session.close(); // the candidacy went with the session: stand again in a new one
      session = await Session.open(ctx);
    }
  }
  session.close();
}

async function standOnce(ctx, session, led) {
  const mine = await session.createSequential(
    ROOT,
    `${ctx.id}-${led}`,
    null,
    CreateMode.EPHEMERAL_SEQUENTIAL,
  );
  await waitToLead(session, mine);
  const term = Number(mine.slice(-10));
  ctx.note("leader", { term, incarnation: ctx.incarnation });
  const lost = session.nextChange().then(() => true);
  const wasLost = await Promise.race([ctx.sleep(LEAD_MS).then(() => false), lost]);
  ctx.note("resigned", { term, lost: wasLost, incarnation: ctx.incarnation });
  await session.retry("remove", `${ROOT}/${mine}`, -1).catch((error) => {
    if (codeOf(error) !== Exception.NO_NODE) throw error;
  });
}

/** Returns once `mine` is the lowest candidate; waits on its predecessor's deletion, or a connection change. */
async function waitToLead(session, mine) {
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
 * One leader at a time, and each term higher than the one before. A crashed leader never resigns: it leads
 * nothing after its crash, which lies between its last note and its instance's next incarnation.
 */
export function check(notes) {
  const crashed = lastNotesOfCrashedIncarnations(notes);
  let leader = null;
  let lastTerm = -1;
  for (const note of notes) {
    if (note.event === "leader") {
      if (leader !== null)
        return `${note.instance} led term ${note.term} at ${note.atMs} ms while ${leader.instance} led term ${leader.term} (incarnation ${leader.incarnation}, since ${leader.atMs} ms)`;
      if (note.term <= lastTerm)
        return `${note.instance} led term ${note.term} at ${note.atMs} ms after term ${lastTerm}`;
      leader = note;
      lastTerm = note.term;
    } else if (note.event === "resigned" && isSameIncarnation(note, leader)) {
      leader = null;
    }
    if (crashed.has(note) && isSameIncarnation(note, leader)) leader = null;
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
