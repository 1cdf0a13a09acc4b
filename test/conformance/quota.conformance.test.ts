// Differential test of quota statistics against a real ZooKeeper 3.8 (release-3.8.0-1 DataTree): the nodes
// `setquota -n 5 <path>` creates (SetQuotaCommand.createQuota: the quota path's nodes, zookeeper_limits,
// then zookeeper_stats, which "updateQuotaForPath" recounts), then creates, deletes, setData and multis
// under the quota'd path, each followed by reads of zookeeper_stats (data and Stat: its version and mzxid
// stay, its dataLength follows the data). Outcomes are compared as the service test compares them.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonical, compareSequence, type Mismatch } from "./compare.js";
import type { ConfOp, Driver } from "./ops.js";
import { createRealDriver } from "./real-driver.js";
import { createSimDriver } from "./sim-driver.js";
import { type RunningServer, startZooKeeper } from "./zk-server.js";

/** What `setquota -n 5` writes to the limits node (StatsTrack.toString with the hard limits at -1). */
const LIMITS = "count=5,bytes=-1=;byteHardLimit=-1;countHardLimit=-1";

let server: RunningServer | undefined;
let real: Driver;
let sim: Driver;
const totals = { compared: 0, mismatches: [] as Mismatch[] };

beforeAll(async () => {
  server = await startZooKeeper();
  real = createRealDriver(server.connectString);
  sim = createSimDriver({ servers: 3 });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  console.log(
    `quota statistics: ${totals.compared} operations compared, ${totals.mismatches.length} mismatches`,
  );
  for (const mismatch of totals.mismatches.slice(0, 20)) console.log(canonical(mismatch));
});

const create = (path: string, data = "d"): ConfOp => ({
  op: "create",
  s: "A",
  path,
  data,
  mode: "persistent",
  acl: "open",
});
const getData = (path: string): ConfOp => ({ op: "getData", s: "A", path });
const setData = (path: string, data: string): ConfOp => ({
  op: "setData",
  s: "A",
  path,
  data,
  version: -1,
});
const remove = (path: string): ConfOp => ({ op: "delete", s: "A", path, version: -1 });

/** SetQuotaCommand.createQuota's writes for the sequence root + `relative` (absolute paths). */
function setQuota(root: string, relative: string): ConfOp[] {
  const quotaRoot = `/zookeeper/quota${root}${relative === "" ? "" : `/${relative}`}`;
  const parts = quotaRoot.split("/").slice(3);
  const ops: ConfOp[] = parts.map((_, i) =>
    create(`/zookeeper/quota/${parts.slice(0, i + 1).join("/")}`, ""),
  );
  return [
    ...ops,
    create(`${quotaRoot}/zookeeper_limits`, LIMITS),
    create(`${quotaRoot}/zookeeper_stats`, "count=0,bytes=0"),
    getData(`${quotaRoot}/zookeeper_stats`),
    getData(`${quotaRoot}/zookeeper_limits`),
  ];
}

function scenarios(root: string): readonly { name: string; ops: readonly ConfOp[] }[] {
  const stats = `/zookeeper/quota${root}/zookeeper_stats`;
  const subStats = `/zookeeper/quota${root}/sub/zookeeper_stats`;
  return [
    {
      name: "setquota on a populated path recounts; creates, setData and deletes below it update the stats",
      ops: [
        create("a", "hello"),
        create("a/b", "\u00fcber"),
        ...setQuota(root, ""),
        create("c", "xyz"),
        getData(stats),
        setData("a", "hi"),
        getData(stats),
        setData("a", "ho"),
        getData(stats),
        remove("a/b"),
        getData(stats),
        create("outside-sibling-is-not-counted"),
        getData(stats),
        { op: "exists", s: "A", path: stats },
      ],
    },
    {
      name: "multis: a failed one changes no stats, a successful one counts each sub-op",
      ops: [
        ...setQuota(root, ""),
        {
          op: "multi",
          s: "A",
          ops: [
            { op: "create", path: "m1", data: "12", mode: "persistent" },
            { op: "create", path: "missing/m2", data: "12", mode: "persistent" },
          ],
        },
        getData(stats),
        {
          op: "multi",
          s: "A",
          ops: [
            { op: "create", path: "m1", data: "12", mode: "persistent" },
            { op: "setData", path: "m1", data: "1234", version: 0 },
            { op: "create", path: "m2", data: "", mode: "ephemeral" },
            { op: "delete", path: "m2", version: -1 },
          ],
        },
        getData(stats),
      ],
    },
    {
      name: "nested quotas: the deepest one counts; the stats node's own setData is reformatted by the next write",
      ops: [
        create("sub"),
        ...setQuota(root, ""),
        ...setQuota(root, "sub"),
        create("sub/x", "123"),
        getData(stats),
        getData(subStats),
        setData(subStats, "bytes=3;count=2;zeta=1"),
        create("sub/y", "4"),
        getData(subStats),
        remove(`/zookeeper/quota${root}/sub/zookeeper_limits`),
        create("sub/z", "5678"),
        getData(stats),
        getData(subStats),
      ],
    },
    {
      name: "ephemerals under a quota leave the stats when their session closes",
      ops: [
        ...setQuota(root, ""),
        { op: "create", s: "B", path: "e", data: "eph", mode: "ephemeral", acl: "open" },
        getData(stats),
        { op: "reconnect", s: "B" },
        getData(stats),
      ],
    },
  ];
}

describe("quota statistics: simulated service vs real ZooKeeper 3.8", () => {
  for (const [index, scenario] of scenarios("").entries()) {
    it(scenario.name, async () => {
      const root = `/quota-seq${index + 1}`;
      const ops = scenarios(root)[index]?.ops ?? [];
      const report = await compareSequence(scenario.name, root, ops, real, sim);
      totals.compared += report.compared;
      totals.mismatches.push(...report.mismatches);
      expect(report.mismatches.map((m) => canonical(m))).toEqual([]);
    });
  }
});
