// The story writers by check (scenarios/systems/story/tell.ts), each family's in its own file.
import { PROTOCOL_STORY_WRITERS } from "./protocol-writers.js";
import type { StoryWriters } from "./tell.js";
import { ZK_STORY_WRITERS } from "./zk-writers.js";

export const STORY_WRITERS: StoryWriters = { ...ZK_STORY_WRITERS, ...PROTOCOL_STORY_WRITERS };
