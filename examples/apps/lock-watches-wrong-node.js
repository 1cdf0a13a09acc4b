// BROKEN on purpose: the lock recipe with a lost wake-up. A waiter reads the children, picks the node just
// before its own, and calls exists on it with a watch, then waits for that watch, whatever exists said. If
// the predecessor was deleted between the getChildren and the exists, exists answers "no such node" and
// leaves a watch for the node's *creation*, which never comes: the waiter sleeps forever, and every
// contender queued behind it too. No safety is broken, liveness is: main never finishes.
// Fix: when exists answers null, the predecessor is gone: read the children again (lock.js does).
// `zabsim run zk-no-faults --app examples/apps/lock-watches-wrong-node.js` fails at seed 3:
//   "app-1 has not finished main 60 s (simulated) after the scenario's end, with every fault healed at
//   0.000 s" (zk-no-faults seeds 1-20: 3, 8, 15, 17 fail).
import zookeeper from "node-zookeeper-client";

export const instances = 3;

const ROOT = "/lock";
const ROUNDS = 10;

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
  await call(client, "mkdirp", ROOT);
  for (let round = 0; round < ROUNDS; round++) {
    const mode = zookeeper.CreateMode.EPHEMERAL_SEQUENTIAL;
    const [path] = await call(client, "create", `${ROOT}/lock-`, Buffer.from(ctx.id), mode);
    const mine = path.slice(ROOT.length + 1);
    for (;;) {
      const [children] = await call(client, "getChildren", ROOT);
      const sorted = children.sort();
      const index = sorted.indexOf(mine);
      if (index === 0) break;
      // THE BUG: the exists answer is ignored; only the watch can wake the waiter.
      await new Promise((resolve) =>
        client.exists(
          `${ROOT}/${sorted[index - 1]}`,
          () => resolve(),
          () => {},
        ),
      );
    }
    ctx.note("acquired", { round });
    await ctx.sleep(ctx.random() * 10);
    ctx.note("released", { round });
    await call(client, "remove", path, -1);
  }
  client.close();
}

/** At most one holder at a time (never broken here: the run fails because a waiter never wakes). */
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
