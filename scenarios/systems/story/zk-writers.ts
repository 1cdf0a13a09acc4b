// Story writers of the ZooKeeper-level checks: linearizability, zookeeper-consistency's rules, sessions.
import type { StoryWriters } from "./tell.js";
import { consistencyStory } from "./zk-consistency-story.js";
import { linearizabilityStory } from "./zk-linearizability-story.js";
import { sessionsStory } from "./zk-sessions-story.js";

export const ZK_STORY_WRITERS: StoryWriters = {
  linearizability: linearizabilityStory,
  "zookeeper-consistency": consistencyStory,
  sessions: sessionsStory,
};
