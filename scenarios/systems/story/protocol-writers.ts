// Story writers of the protocol-level and run checks: the ZAB invariants, liveness, recipes, apps, and the
// runner's own (internal, livelock, event-budget).
import { appStory, recipeStory } from "./protocol-recipes.js";
import { runStopStory } from "./protocol-run.js";
import { livenessStory, zabInvariantStory } from "./protocol-zab.js";
import type { StoryWriters } from "./tell.js";

export const PROTOCOL_STORY_WRITERS: StoryWriters = {
  "zab-invariants": zabInvariantStory,
  liveness: livenessStory,
  recipes: recipeStory,
  app: appStory,
  internal: runStopStory,
  livelock: runStopStory,
  "event-budget": runStopStory,
};
