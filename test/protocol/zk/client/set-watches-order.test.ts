// The order of the paths a re-attaching client sends in setWatches. The simulated client imitates
// node-zookeeper-client 1.1.3: WatcherManager keeps "this.dataWatchers = {}" keyed by path, emit()
// does "delete this.dataWatchers[watcherEvent.path]", and ConnectionManager sends
// "payload.dataWatches = this.watcherManager.getDataWatcherPaths()", i.e. Object.keys(watchers):
// insertion order, not sorted.
import { describe, expect, it } from "vitest";
import {
  materialize,
  setWatchesOf,
  watchRegisteredBy,
} from "../../../../protocol/zk/client/index.js";
import { registerWatch } from "../../../../protocol/zk/client/watch-registry.js";
import type { Watch } from "../../../../protocol/zk/watches/index.js";

function registered(
  reads: readonly [op: "getData" | "exists" | "getChildren", path: string, err: "OK" | "NONODE"][],
) {
  let watches: readonly Watch[] = [];
  for (const [op, path, err] of reads) {
    watches = registerWatch(watches, watchRegisteredBy({ op, path, watch: true }, err));
  }
  return watches;
}

describe("setWatches lists watches as node-zookeeper-client does (Object.keys insertion order)", () => {
  it("each list is in the order its paths were first registered", () => {
    const watches = registered([
      ["getData", "/c", "OK"],
      ["exists", "/z", "NONODE"],
      ["getData", "/a", "OK"],
      ["getChildren", "/b", "OK"],
      ["exists", "/y", "NONODE"],
      ["getChildren", "/a", "OK"],
      ["getData", "/c", "OK"],
    ]);
    expect(setWatchesOf(watches, 7)).toMatchObject({
      relativeZxid: 7,
      dataWatches: ["/c", "/a"],
      existWatches: ["/z", "/y"],
      childWatches: ["/b", "/a"],
    });
  });

  it("a path whose watch fired and was set again moves to the end (its key was deleted)", () => {
    let watches = registered([
      ["getData", "/a", "OK"],
      ["getData", "/b", "OK"],
    ]);
    watches = materialize(watches, { type: "NodeDataChanged", path: "/a", zxid: 8 }).watches;
    watches = registerWatch(
      watches,
      watchRegisteredBy({ op: "getData", path: "/a", watch: true }, "OK"),
    );
    expect(setWatchesOf(watches, 9)?.dataWatches).toEqual(["/b", "/a"]);
  });
});
