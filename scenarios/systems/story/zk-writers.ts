// Story writers of the ZooKeeper-level checks: linearizability, zookeeper-consistency's rules, sessions.
import type { StoryWriters } from "./tell.js";

export const ZK_STORY_WRITERS: StoryWriters = {};
