// A broken lock: check whether /lock exists, and if it does not, create it and go in. Two instances that
// both see no /lock both go in; the create that loses the race fails with NODE_EXISTS, and this code ignores
// that. `check` catches the overlap.
import zookeeper from "node-zookeeper-client";

export const instances = 3;

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
  for (let round = 0; round < 3; round++) {
    for (;;) {
      const [stat] = await call(client, "exists", "/lock");
      if (!stat) break;
      await ctx.sleep(10 + ctx.random() * 20);
    }
    // Getting ready to take it: the gap between the check and the create that another instance slips into.
    await ctx.sleep(ctx.random() * 20);
    await call(
      client,
      "create",
      "/lock",
      Buffer.from(ctx.id),
      zookeeper.CreateMode.EPHEMERAL,
    ).catch(() => {});
    ctx.note("acquired", { round });
    await ctx.sleep(100);
    ctx.note("released", { round });
    await call(client, "remove", "/lock", -1).catch(() => {});
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
