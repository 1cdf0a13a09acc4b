// Story writers of the protocol-level and run checks: the ZAB invariants, liveness, recipes, apps, and the
// runner's own (internal, livelock, event-budget).
import type { StoryWriters } from "./tell.js";

export const PROTOCOL_STORY_WRITERS: StoryWriters = {};
