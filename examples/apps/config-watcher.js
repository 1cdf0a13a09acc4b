// A configuration node: app-1 writes versions 1..10 of /config (its data is the version number); the
// other instances read it with getData and a watch, and read it again each time the watch fires. A watch
// fires once: it is set again with every read. A connection loss may hide a change, so a watcher reads
// again after every reconnect too; after a session expiry it starts a new session and reads again.
// The writer makes each update conditional on the znode's version (setData with an expected version): after
// a connection loss, BAD_VERSION tells it that its own update got in.
// Check: each watcher sees the versions only grow, and ends with the last one (a restarted watcher starts
// again from the current version: each incarnation is judged on its own).
// Seeds 1-100 of zk-mixed, zk-partitions, zk-pauses and zk-app-faults (app instances paused and crashed
// too) pass, and 1-50 of zk-leader-crash-loop.
import { codeOf, Exception, Session, SessionLost } from "./lib/zk.js";

export const instances = 3;

const PATH = "/config";
const LAST = 10;

export async function main(ctx) {
  let session = await Session.open(ctx);
  for (;;) {
    try {
      if (ctx.index === 0) await write(ctx, session);
      else await watch(ctx, session);
      break;
    } catch (error) {
      if (!(error instanceof SessionLost)) throw error;
      session.close();
      session = await Session.open(ctx);
    }
  }
  session.close();
}

/** Writes the versions not yet written, one every 200-400 ms; the znode's version says how far it got. */
async function write(ctx, session) {
  await session.retry("create", PATH, Buffer.from("0")).catch((error) => {
    if (codeOf(error) !== Exception.NODE_EXISTS) throw error;
  });
  for (;;) {
    const [data, stat] = await session.retry("getData", PATH);
    const current = Number(data.toString());
    if (current === LAST) return;
    await ctx.sleep(200 + ctx.random() * 200);
    const next = current + 1;
    try {
      await session.retry("setData", PATH, Buffer.from(String(next)), stat.version);
    } catch (error) {
      // The same update, retried after a connection loss that hid its success: already done.
      if (codeOf(error) !== Exception.BAD_VERSION) throw error;
    }
    ctx.note("wrote", { version: next, incarnation: ctx.incarnation });
  }
}

/** Follows /config until it reads the last version; notes each version it sees. */
async function watch(ctx, session) {
  let seen = -1;
  while (seen < LAST) {
    let fired;
    const changed = new Promise((resolve) => {
      fired = resolve;
    });
    let data;
    try {
      [data] = await session.retry("getData", PATH, () => fired());
    } catch (error) {
      if (codeOf(error) !== Exception.NO_NODE) throw error;
      await ctx.sleep(100); // not written yet
      continue;
    }
    const version = Number(data.toString());
    if (version !== seen) ctx.note("saw", { version, incarnation: ctx.incarnation });
    seen = version;
    if (seen < LAST) await Promise.race([changed, session.nextChange()]);
  }
}

/**
 * Each watcher sees versions only grow, and ends with the last one. A watcher that crashed starts again with
 * no memory, and sees the versions again from the current one: each incarnation is judged on its own, and
 * the instance's last incarnation must end with the last version.
 */
export function check(notes) {
  const seen = new Map();
  for (const note of notes) {
    if (note.event !== "saw") continue;
    const incarnation = `${note.instance} (incarnation ${note.incarnation})`;
    const before = seen.get(incarnation) ?? -1;
    if (note.version <= before)
      return `${incarnation} saw version ${note.version} at ${note.atMs} ms after version ${before}`;
    seen.set(incarnation, note.version);
  }
  const ended = new Map(); // each watcher's last incarnation's last version: notes come in time order
  for (const note of notes) if (note.event === "saw") ended.set(note.instance, note.version);
  for (const [instance, version] of ended) {
    if (version !== LAST)
      return `${instance} ended with version ${version}, not the last one, ${LAST}`;
  }
  if (ended.size !== instances - 1) return `only ${ended.size} watchers saw /config at all`;
  return null;
}
