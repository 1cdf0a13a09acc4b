// A session's second watch registration on a path, per release line (watch-modes.ts). 3.8.0's
// WatcherModeManager.setWatcherMode: "if (mode == WatcherMode.DEFAULT_WATCHER_MODE) { removeWatcher(watcher,
// path); } else { adjustRecursiveQty(watcherModes.put(new Key(watcher, path), mode), mode); }" — one mode per
// (watcher, path) in each of DataTree's two tables, the last one registered. 3.9.0's fix (ZOOKEEPER-4466,
// commit a64dbf5) keeps a WatchStats per (watcher, path): "WatchStats newStats = stats.addMode(watcherMode)".
import { describe, expect, it } from "vitest";
import type { ZkVersion } from "../../../../protocol/zab/index.js";
import {
  deliverEvent,
  registerWatch,
  type WatchEvent,
  type WatchKind,
  type WatchSet,
} from "../../../../protocol/zk/watches/index.js";

const SESSION = 7;

function registered(version: ZkVersion, kinds: readonly WatchKind[], path = "/p"): WatchSet {
  let set: WatchSet = [];
  for (const kind of kinds) set = registerWatch(version, set, { owner: SESSION, path, kind });
  return set;
}

/** Which of `events` reach the session, in order, the watch set changing as each fires. */
function delivered(set: WatchSet, events: readonly WatchEvent["type"][], path = "/p"): string[] {
  let current = set;
  const got: string[] = [];
  events.forEach((type, index) => {
    const delivery = deliverEvent(current, { type, path, zxid: index + 1 });
    current = delivery.set;
    if (delivery.notified.includes(SESSION)) got.push(`${type} ${path}`);
  });
  return got;
}

describe("one-shot after persistent (3.8: the data table's entry turns back into a one-shot)", () => {
  const changes: WatchEvent["type"][] = [
    "NodeDataChanged",
    "NodeDataChanged",
    "NodeChildrenChanged",
  ];
  it("3.8: getData after addWatch(PERSISTENT) spends the persistent watch's data events on the first change", () => {
    expect(delivered(registered("3.8", ["persistent", "data"]), changes)).toEqual([
      "NodeDataChanged /p",
      // "dataWatches.triggerWatch(path, EventType.NodeDataChanged)": a one-shot there now, gone after one.
      // childWatches still holds PERSISTENT: "childWatches.triggerWatch(parentName, NodeChildrenChanged)".
      "NodeChildrenChanged /p",
    ]);
  });
  it("3.9: the persistent watch keeps every change; the one-shot beside it fires once with it", () => {
    expect(delivered(registered("3.9", ["persistent", "data"]), changes)).toEqual([
      "NodeDataChanged /p",
      "NodeDataChanged /p",
      "NodeChildrenChanged /p",
    ]);
  });
  it("3.8: getChildren after addWatch(PERSISTENT) ends its NodeChildrenChanged after one, keeps data events", () => {
    const events: WatchEvent["type"][] = [
      "NodeChildrenChanged",
      "NodeChildrenChanged",
      "NodeDataChanged",
    ];
    expect(delivered(registered("3.8", ["persistent", "child"]), events)).toEqual([
      "NodeChildrenChanged /p",
      "NodeDataChanged /p",
    ]);
  });
});

describe("two persistent modes (3.8: the later one replaces the earlier in both tables)", () => {
  it("3.8: PERSISTENT after PERSISTENT_RECURSIVE ends the recursive watch: no child's events", () => {
    const set = registered("3.8", ["persistentRecursive", "persistent"]);
    expect(delivered(set, ["NodeCreated"], "/p/c")).toEqual([]);
    expect(delivered(set, ["NodeChildrenChanged"])).toEqual(["NodeChildrenChanged /p"]);
  });
  it("3.8: PERSISTENT_RECURSIVE after PERSISTENT ends NodeChildrenChanged (recursive watches skip it)", () => {
    const set = registered("3.8", ["persistent", "persistentRecursive"]);
    expect(delivered(set, ["NodeChildrenChanged"])).toEqual([]);
    expect(delivered(set, ["NodeCreated"], "/p/c")).toEqual(["NodeCreated /p/c"]);
  });
  it("3.9: both kept, so the path gets NodeChildrenChanged and the child its events", () => {
    const set = registered("3.9", ["persistentRecursive", "persistent"]);
    expect(delivered(set, ["NodeChildrenChanged"])).toEqual(["NodeChildrenChanged /p"]);
    expect(delivered(set, ["NodeCreated"], "/p/c")).toEqual(["NodeCreated /p/c"]);
  });
});

describe("a one-shot after a recursive watch (3.8)", () => {
  it("getData leaves the recursive mode in the child table only: a child's NodeDeleted, not its data", () => {
    const set = registered("3.8", ["persistentRecursive", "data"]);
    // DataTree.deleteNode: "childWatches.triggerWatch(path, EventType.NodeDeleted, processed)" walks the
    // parents, and the child table still holds the recursive mode on /p.
    expect(delivered(set, ["NodeDataChanged", "NodeCreated", "NodeDeleted"], "/p/c")).toEqual([
      "NodeDeleted /p/c",
    ]);
  });
  it("getChildren leaves the recursive mode in the data table only: a child's data, not NodeChildrenChanged", () => {
    const set = registered("3.8", ["persistentRecursive", "child"]);
    expect(delivered(set, ["NodeDataChanged", "NodeCreated"], "/p/c")).toEqual([
      "NodeDataChanged /p/c",
      "NodeCreated /p/c",
    ]);
    expect(delivered(set, ["NodeChildrenChanged", "NodeChildrenChanged"])).toEqual([
      "NodeChildrenChanged /p",
    ]);
  });
});

describe("registrations that 4466 does not change", () => {
  it("a persistent watch after a one-shot absorbs it in 3.8 and stands beside it in 3.9: the same events", () => {
    const events: WatchEvent["type"][] = [
      "NodeDataChanged",
      "NodeDataChanged",
      "NodeChildrenChanged",
    ];
    expect(delivered(registered("3.8", ["data", "persistent"]), events)).toEqual(
      delivered(registered("3.9", ["data", "persistent"]), events),
    );
  });
  it("another session's registration never replaces this session's", () => {
    const set = registerWatch("3.8", registered("3.8", ["persistent"]), {
      owner: SESSION + 1,
      path: "/p",
      kind: "data",
    });
    expect(delivered(set, ["NodeDataChanged", "NodeDataChanged"])).toEqual([
      "NodeDataChanged /p",
      "NodeDataChanged /p",
    ]);
  });
});
