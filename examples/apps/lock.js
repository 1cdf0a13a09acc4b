// The lock recipe of the ZooKeeper documentation: each contender creates an ephemeral sequential node
// under /lock, and holds the lock when its node has the lowest sequence number; otherwise it watches the
// node just before its own and checks again when that one goes. Passes under crashes and partitions.
import zookeeper from "node-zookeeper-client";

export const instances = 3;

const ROOT = "/lock";

function call(client, method, ...args) {
  return new Promise((resolve, reject) => {
    client[method](...args, (error, ...results) => (error ? reject(error) : resolve(results)));
  });
}

export async function main(ctx) {
  const client = zookeeper.createClient(ctx.connectString, { sessionTimeout: 4000 });
  const connected = new Promise((resolve) => client.once("connected", resolve));
  client.connect();
  await connected;
  await call(client, "mkdirp", ROOT).catch(() => {});
  for (let round = 0; round < 3; round++) {
    const [path] = await call(
      client,
      "create",
      `${ROOT}/lock-`,
      Buffer.from(ctx.id),
      zookeeper.CreateMode.EPHEMERAL_SEQUENTIAL,
    );
    const mine = path.slice(ROOT.length + 1);
    for (;;) {
      const [children] = await call(client, "getChildren", ROOT);
      const sorted = children.sort();
      const index = sorted.indexOf(mine);
      if (index === 0) break;
      const before = `${ROOT}/${sorted[index - 1]}`;
      const gone = new Promise((resolve) => {
        client.exists(
          before,
          () => resolve(),
          (error, stat) => {
            if (error || !stat) resolve();
          },
        );
      });
      await gone;
    }
    ctx.note("acquired", { round });
    await ctx.sleep(100);
    ctx.note("released", { round });
    await call(client, "remove", path, -1);
    await ctx.sleep(ctx.random() * 50);
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
