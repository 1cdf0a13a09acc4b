// The client's side of removeWatches/checkWatches (ZKWatchManager.removeWatcher via
// WatchDeregistration.unregister), one test per quoted rule.
import { describe, expect, it } from "vitest";
import { unregisterWatches } from "../../../../protocol/zk/client/watch-registry.js";
import type { Watch } from "../../../../protocol/zk/watches/index.js";

const data: Watch = { owner: 0, path: "/a", kind: "data" };
const child: Watch = { owner: 0, path: "/a", kind: "child" };
const persistent: Watch = { owner: 0, path: "/p", kind: "persistent" };

describe("ZKWatchManager.removeWatcher", () => {
  it('checks the client\'s own tables first: "containsWatcher(clientPath, watcher, watcherType)" throws NOWATCHER', () => {
    expect(unregisterWatches([data], "/a", "children", false, "OK")).toEqual({
      watches: [data],
      err: "NOWATCHER",
    });
  });

  it('keeps the watches on a server error unless local: "if (!local && rc != OK) throw KeeperException.create(rc)"', () => {
    expect(unregisterWatches([data], "/a", "data", false, "CONNECTIONLOSS")).toEqual({
      watches: [data],
      err: "CONNECTIONLOSS",
    });
  });

  it('removes them anyway with local: "if (rc == OK || (local && rc != OK))", and answers OK', () => {
    expect(unregisterWatches([data, child], "/a", "data", true, "NOWATCHER")).toEqual({
      watches: [child],
      err: "OK",
    });
  });

  it("Children takes childWatches, Data dataWatches and existWatches, Any everything", () => {
    expect(unregisterWatches([data, child], "/a", "children", false, "OK").watches).toEqual([data]);
    expect(unregisterWatches([data, child], "/a", "any", false, "OK").watches).toEqual([]);
  });

  it("a persistent watch counts for containsWatcher of every type but only Any removes it", () => {
    expect(unregisterWatches([persistent], "/p", "data", false, "OK").err).toBe("NOWATCHER");
    expect(unregisterWatches([persistent], "/p", "any", false, "OK")).toEqual({
      watches: [],
      err: "OK",
    });
  });
});
