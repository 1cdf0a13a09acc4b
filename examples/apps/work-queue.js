// A work queue: producers (app-1, app-2) add items as persistent sequential nodes under /queue; consumers
// (app-3, app-4) take the oldest item they see. Taking is one multi: delete the item and create
// /taken/<item> holding the consumer's id. Only the consumer whose delete succeeds owns the item; the others
// get NO_NODE and try the next. The /taken marker is for the one case where a consumer cannot tell:
// a connection loss hides whether its multi got in, and the marker says who took the item.
// Producers name items after themselves (app-1-7-...) so that a create hidden by a connection loss is
// found again, in /queue or already in /taken, and not made twice.
// Check: every item produced is processed exactly once. A producer that crashed and restarted finds its
// items again by name and notes them again (it cannot know whether its note came before the crash). One
// hole remains, too narrow for the sweeps to hit: a consumer that crashes between its multi and the answer
// leaves an item taken (its marker in /taken) but never processed. ZooKeeper guarantees that each item is
// taken once, not that its taker lives to process it; a restarted consumer would have to resume the items
// its marker names, and the processing must then be idempotent.
// Seeds 1-100 of zk-mixed, zk-partitions, zk-pauses and zk-app-faults (app instances paused and crashed
// too) pass, and 1-50 of zk-leader-crash-loop.
import { bySequence, CreateMode, call, codeOf, Exception, Session, SessionLost } from "./lib/zk.js";

export const instances = 4;

const PRODUCERS = 2;
const ITEMS_EACH = 10;

export async function main(ctx) {
  let session = await Session.open(ctx);
  for (;;) {
    try {
      await session.retry("mkdirp", "/queue");
      await session.retry("mkdirp", "/taken");
      if (ctx.index < PRODUCERS) await produce(ctx, session);
      else await consume(ctx, session);
      break;
    } catch (error) {
      if (!(error instanceof SessionLost)) throw error;
      session.close(); // persistent nodes stay: carry on in a new session
      session = await Session.open(ctx);
    }
  }
  session.close();
}

async function produce(ctx, session) {
  for (let n = 0; n < ITEMS_EACH; n++) {
    const name = `${ctx.id}-${n}-`;
    const made = await findItem(session, name);
    if (made !== undefined) {
      // Made before a session expired, or before a crash that may have come before its note: note it
      // (again: the check counts an item once).
      ctx.note("produced", { item: made, incarnation: ctx.incarnation });
      continue;
    }
    let item;
    try {
      const [path] = await call(
        session.client,
        "create",
        `/queue/${name}`,
        null,
        CreateMode.PERSISTENT_SEQUENTIAL,
      );
      item = path.slice("/queue/".length);
    } catch (error) {
      if (codeOf(error) !== Exception.CONNECTION_LOSS) throw error;
      await session.whenConnected();
      await session.barrier("/queue"); // the lost create got in, or never will
      item = await findItem(session, name);
      if (item === undefined) {
        n--; // the create did not get in: make it again
        continue;
      }
    }
    ctx.note("produced", { item, incarnation: ctx.incarnation });
    await ctx.sleep(ctx.random() * 200);
  }
}

/** The item named `name...` in the queue or already taken, if there is one. */
async function findItem(session, name) {
  for (const parent of ["/queue", "/taken"]) {
    const [children] = await session.retry("getChildren", parent);
    const item = children.find((child) => child.startsWith(name));
    if (item !== undefined) return item;
  }
  return undefined;
}

async function consume(ctx, session) {
  for (;;) {
    const [taken] = await session.retry("getChildren", "/taken");
    if (taken.length === PRODUCERS * ITEMS_EACH) return;
    let fired;
    const changed = new Promise((resolve) => {
      fired = resolve;
    });
    const [items] = await session.retry("getChildren", "/queue", () => fired());
    let tookOne = false;
    for (const item of bySequence(items)) {
      if (await take(session, item, ctx.id)) {
        ctx.note("took", { item, incarnation: ctx.incarnation });
        await ctx.sleep(20 + ctx.random() * 30); // the work
        tookOne = true;
        break;
      }
    }
    if (!tookOne) await Promise.race([changed, session.nextChange(), ctx.sleep(500)]);
  }
}

/** True when this consumer took `item`: its multi got in (the marker is its own). */
async function take(session, item, id) {
  const multi = session.client
    .transaction()
    .remove(`/queue/${item}`, -1)
    .create(`/taken/${item}`, Buffer.from(id));
  try {
    await call(multi, "commit");
    return true;
  } catch (error) {
    const code = codeOf(error);
    if (code === Exception.SESSION_EXPIRED) throw new SessionLost("session expired");
    if (code !== Exception.CONNECTION_LOSS) return false; // NO_NODE: someone else took it
  }
  try {
    const [data] = await session.retry("getData", `/taken/${item}`);
    return data.toString() === id;
  } catch (error) {
    if (codeOf(error) === Exception.NO_NODE) return false; // not taken at all: try again later
    throw error;
  }
}

/** Every item produced is taken exactly once, and nothing is taken that was not produced. */
export function check(notes) {
  const produced = new Set();
  const takenBy = new Map();
  for (const note of notes) {
    if (note.event === "produced") produced.add(note.item);
    if (note.event !== "took") continue;
    const before = takenBy.get(note.item);
    if (before !== undefined)
      return `${note.instance} took ${note.item} at ${note.atMs} ms, already taken by ${before}`;
    takenBy.set(note.item, note.instance);
  }
  for (const item of produced) {
    if (!takenBy.has(item)) return `${item} was produced but never taken`;
  }
  for (const item of takenBy.keys()) {
    if (!produced.has(item)) return `${item} was taken but never produced`;
  }
  return null;
}
