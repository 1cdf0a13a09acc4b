// Differential test of TTL and container nodes against a real ZooKeeper 3.8 (release-3.8.0-1 sources):
// - default settings: "if (createMode.isTTL() && !EphemeralType.extendedEphemeralTypesEnabled()) throw new
//   KeeperException.UnimplementedException()" (PrepRequestProcessor.validateCreateRequest), an error txn;
// - a server started with -Dznode.container.checkIntervalMs: ContainerManager "scheduleAtFixedRate(timerTask,
//   checkIntervalMs, checkIntervalMs)" deletes an emptied container ("node.stat.getCversion() > 0" and no
//   children) at its next check, keeps a never-used one (maxNeverUsedIntervalMs 0) and one with children.
// Both sides first wait for a check to reap a probe container, so their checks are in phase; then the same
// calls run before and after the next check, and outcomes (zxids relative to the root's) must be equal.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallOutcome } from "./calls-ops.js";
import { canonical, relativeZxids } from "./compare.js";
import { type ContainerOp, realSide, type Side, simSide } from "./containers-sides.js";
import { SimService } from "./sim-driver.js";
import { type RunningServer, startZooKeeper } from "./zk-server.js";

/** The real server's container check interval; long enough that a step's calls end well within it. */
const CHECK_INTERVAL_MS = 1_500;
const POLL_MS = 50;

let defaults: RunningServer | undefined;
let shortChecks: RunningServer | undefined;
const totals = { compared: 0, mismatches: [] as string[] };

beforeAll(async () => {
  defaults = await startZooKeeper();
  shortChecks = await startZooKeeper(30_000, [
    `-Dznode.container.checkIntervalMs=${CHECK_INTERVAL_MS}`,
  ]);
}, 90_000);

afterAll(async () => {
  await defaults?.stop();
  await shortChecks?.stop();
  console.log(
    `ttl and containers: ${totals.compared} operations compared, ${totals.mismatches.length} mismatches`,
  );
  for (const mismatch of totals.mismatches.slice(0, 20)) console.log(mismatch);
});

type Recorded = readonly (readonly [string, CallOutcome])[];
type Steps = (
  side: Side,
  record: (label: string, op: ContainerOp) => Promise<void>,
) => Promise<void>;

/** Runs `steps` on one side; outcomes with zxids relative to the root's czxid. */
async function runSide(side: Side, root: string, steps: Steps): Promise<Recorded> {
  const recorded: [string, CallOutcome][] = [];
  const rootOutcome = await side.run({ op: "create", path: root, mode: "persistent" });
  const rootCzxid = rootOutcome.stat?.czxid ?? 0;
  await steps(side, async (label, op) => {
    const outcome = relativeZxids(await side.run(op), rootCzxid) as CallOutcome;
    recorded.push([`${label} ${canonical(op)}`, outcome]);
  });
  await side.end();
  return recorded;
}

function compare(name: string, real: Recorded, sim: Recorded): string[] {
  const mismatches: string[] = [];
  for (let i = 0; i < Math.max(real.length, sim.length); i++) {
    totals.compared += 1;
    const [realText, simText] = [canonical(real[i]), canonical(sim[i])];
    if (realText !== simText)
      mismatches.push(`${name} #${i}\n  real: ${realText}\n  sim:  ${simText}`);
  }
  totals.mismatches.push(...mismatches);
  return mismatches;
}

/** Polls until `path` is gone (a check reaped it) and returns that moment on the side's clock. */
async function awaitReaped(side: Side, path: string, limitMs: number): Promise<number> {
  const startMs = side.nowMs();
  while (side.nowMs() - startMs < limitMs) {
    const outcome = await side.run({ op: "exists", path });
    if (outcome.code === "NONODE") return side.nowMs();
    await side.sleep(POLL_MS);
  }
  throw new Error(`${path} was not reaped within ${limitMs} ms`);
}

const ttlSteps =
  (root: string): Steps =>
  async (_side, record) => {
    const ttl = { op: "create", mode: "persistent_with_ttl", ttlMs: 10_000 } as const;
    await record("ttl", { ...ttl, path: `${root}/t` });
    await record("ttl", { ...ttl, path: `${root}/s-`, mode: "persistent_sequential_with_ttl" });
    await record("ttl", { op: "exists", path: `${root}/t` });
    await record("container", { op: "create", path: `${root}/c`, mode: "container" });
    await record("after", { op: "create", path: `${root}/p`, mode: "persistent" });
    await record("after", { op: "getChildren", path: root });
  };

const containerSteps =
  (root: string): Steps =>
  async (side, record) => {
    const create = (path: string, mode: "container" | "persistent" = "container") =>
      record("setup", { op: "create", path: `${root}/${path}`, mode });
    await create("probe");
    await create("probe/x", "persistent");
    await record("setup", { op: "delete", path: `${root}/probe/x` });
    const checkedMs = await awaitReaped(side, `${root}/probe`, 3 * CHECK_INTERVAL_MS);
    await create("emptied");
    await create("emptied/x", "persistent");
    await record("setup", { op: "delete", path: `${root}/emptied/x` });
    await create("never");
    await create("busy");
    await create("busy/x", "persistent");
    const reads = async (label: string) => {
      for (const name of ["emptied", "never", "busy"]) {
        await record(label, { op: "exists", path: `${root}/${name}` });
      }
      await record(label, { op: "getChildren", path: root });
    };
    await reads("before the next check");
    if (side.nowMs() - checkedMs > CHECK_INTERVAL_MS / 2) throw new Error("steps too slow");
    await side.sleep(checkedMs + 1.5 * CHECK_INTERVAL_MS - side.nowMs());
    await reads("after it");
    await record("after it", { op: "create", path: `${root}/p`, mode: "persistent" });
  };

async function compareOn(
  server: RunningServer | undefined,
  name: string,
  steps: (root: string) => Steps,
  simOptions: ConstructorParameters<typeof SimService>[0],
): Promise<string[]> {
  if (server === undefined) throw new Error("the real ZooKeeper did not start");
  const root = `/${name.replace(/\W+/g, "-")}`;
  const real = await runSide(await realSide(server.port), root, steps(root));
  const sim = await runSide(simSide(new SimService(simOptions)), root, steps(root));
  return compare(name, real, sim);
}

describe("TTL and container nodes: simulated service vs real ZooKeeper 3.8", () => {
  it("default settings: a TTL create is UNIMPLEMENTED (an error txn), a container create is not", async () => {
    const options = { servers: 3, clientsOnFirstServer: true };
    expect(await compareOn(defaults, "ttl-defaults", ttlSteps, options)).toEqual([]);
  }, 60_000);

  it("znode.container.checkIntervalMs: an emptied container goes at the next check; never-used and busy ones stay", async () => {
    const server = { containerCheckIntervalMs: CHECK_INTERVAL_MS };
    const options = { servers: 3, clientsOnFirstServer: true, server };
    expect(await compareOn(shortChecks, "containers", containerSteps, options)).toEqual([]);
  }, 60_000);
});
