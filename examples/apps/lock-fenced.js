// The lock of lock.js, fenced. A ZooKeeper lock is a lease: a holder that pauses (a long GC) past its
// session timeout loses its node, a successor takes the lock, and the old holder, when it resumes, does not
// know yet and may work once more. No lock can prevent that; the resource can refuse the stale work. So each
// holder gets a fencing token, its lock node's sequence number (ZooKeeper numbers the children of /lock in
// increasing order, and a holder's node is the lowest, so every later holder's number is higher; the node's
// czxid would do as well), and every piece of work carries it. The resource remembers the highest token it
// has seen and rejects work with a lower one.
// Check (the resource): work is accepted only with a token at least as high as any seen before; a stale
// holder's work is rejected, which is fencing doing its job, not a violation. So the accepted work of two
// holders never interleaves.
// Seeds 1-100 of zk-mixed, zk-partitions, zk-pauses and zk-app-faults pass, and 1-50 of
// zk-leader-crash-loop. On zk-app-faults seeds 6, 34 and 49, where lock.js fails, a paused holder's work is
// rejected: on seed 6, app-3 holds token 7, pauses for 2.85 s, app-1 takes the lock with token 8, and
// app-3's last step, done when it resumes at 5377.532 ms, carries token 7.
import { bySequence, CreateMode, codeOf, Exception, Session, SessionLost } from "./lib/zk.js";

export const instances = 3;

const ROOT = "/lock";
const ROUNDS = 4;
const WORK_STEPS = 5;
const WORK_STEP_MS = 40;

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
  const mine = await session.createSequential(
    ROOT,
    `${ctx.id}-${round}`,
    Buffer.from(ctx.id),
    CreateMode.EPHEMERAL_SEQUENTIAL,
  );
  await waitForTurn(session, mine);
  const token = Number(mine.slice(-10));
  const incarnation = ctx.incarnation;
  ctx.note("acquired", { round, token, incarnation });
  // Work in steps, and stop at the first sign of trouble, as lock.js does. A pause gives no such sign: the
  // step due during it runs as soon as the holder resumes, with a token that may be stale by then.
  const lost = session.nextChange().then(() => "lost");
  for (let step = 0; step < WORK_STEPS; step++) {
    const next = ctx.sleep(WORK_STEP_MS).then(() => "step");
    if ((await Promise.race([next, lost])) === "lost") break;
    ctx.note("work", { token, step, incarnation });
  }
  ctx.note("released", { round, token, incarnation });
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
 * What a resource fenced by the tokens guarantees. It accepts work only with a token at least as high as
 * any it has seen, and rejects the rest (a stale holder's: no violation), so once a holder's work is
 * accepted, no earlier holder's is: accepted work never interleaves. What the lock must give for that to
 * hold is checked: each token is one holder's (one incarnation of one instance), and a holder works only
 * with its own; and some work gets done.
 */
export function check(notes) {
  const holderOf = new Map();
  let highest = -1;
  let accepted = 0;
  let rejected = 0;
  for (const note of notes) {
    const holder = `${note.instance} (incarnation ${note.incarnation})`;
    if (note.event === "acquired") {
      if (holderOf.has(note.token))
        return `${holder} acquired token ${note.token} at ${note.atMs} ms, already ${holderOf.get(note.token)}'s`;
      holderOf.set(note.token, holder);
    }
    if (note.event !== "work") continue;
    if (holderOf.get(note.token) !== holder)
      return `${holder} worked with token ${note.token} at ${note.atMs} ms, not its own`;
    if (note.token < highest) {
      rejected++; // a stale holder's work: the resource refuses it
    } else {
      highest = note.token;
      accepted++;
    }
  }
  if (accepted === 0) return `no work was accepted (${rejected} rejected)`;
  return null;
}
