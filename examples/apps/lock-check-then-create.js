// BROKEN on purpose: a lock taken by "check, then create". Every round, all contenders look at
// /lock/owner at the same instant; whoever sees no owner creates it (EPHEMERAL). The check and the create
// are two requests, so several contenders see "no owner" and all create: one wins, the others get
// NODE_EXISTS, which this code takes for "it must be mine" and goes on as holder. Two holders at once.
// Fix: let the create alone decide (NODE_EXISTS means someone else holds it), or use lock.js.
// `zabsim run zk-no-faults --app examples/apps/lock-check-then-create.js` fails at seed 1:
//   "app-3 acquired the lock at 1005.3 ms while app-1 held it" (every one of seeds 1-10 fails).
import zookeeper from "node-zookeeper-client";

export const instances = 3;

const OWNER = "/lock/owner";
const ROUNDS = 5;
const ROUND_MS = 500;

function call(client, method, ...args) {
  return new Promise((resolve, reject) => {
    client[method](...args, (error, ...results) => (error ? reject(error) : resolve(results)));
  });
}

export async function main(ctx) {
  const client = zookeeper.createClient(ctx.connectString, { sessionTimeout: 2000 });
  const connected = new Promise((resolve) => client.once("connected", resolve));
  client.connect();
  await connected;
  await call(client, "mkdirp", "/lock");
  for (let round = 0; round < ROUNDS; round++) {
    await ctx.sleep(ROUND_MS - (Date.now() % ROUND_MS)); // everyone tries at the same instant
    const [stat] = await call(client, "exists", OWNER);
    if (stat) continue; // held: try next round
    try {
      await call(client, "create", OWNER, Buffer.from(ctx.id), zookeeper.CreateMode.EPHEMERAL);
    } catch (error) {
      // THE BUG: "we checked it was free, so NODE_EXISTS must be our own create": it is not.
      if (error.getCode() !== zookeeper.Exception.NODE_EXISTS) throw error;
    }
    ctx.note("acquired", { round });
    await ctx.sleep(100);
    ctx.note("released", { round });
    await call(client, "remove", OWNER, -1).catch(() => {}); // may remove the real holder's node, too
  }
  client.close();
}

/** At most one holder at a time: every acquired is followed by its released before the next acquired. */
export function check(notes) {
  let holder = null;
  for (const note of notes) {
    if (note.event === "acquired") {
      if (holder !== null)
        return `${note.instance} acquired the lock at ${note.atMs} ms while ${holder} held it`;
      holder = note.instance;
    } else if (note.event === "released" && note.instance === holder) {
      holder = null;
    }
  }
  return null;
}
