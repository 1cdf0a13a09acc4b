// The recipe property checkers: pure functions over a run's observation records (reference §7,
// DESIGN.md checkers §4). Each returns the violations it found, empty when the property holds.

export { checkBarrier } from "./barrier.js";
export { checkConfig } from "./config.js";
export { checkDoubleBarrier } from "./double-barrier.js";
export { checkElection } from "./election.js";
export { checkLockExclusion } from "./lock.js";
export { checkMembership } from "./membership.js";
export { checkNaming } from "./naming.js";
export { checkQueue } from "./queue.js";
export {
  notesOf,
  type RecipeCheckName,
  type RecipeNote,
  type RecipeViolation,
  type RecordedObservation,
  recipeCheckNames,
} from "./records.js";
export { checkRwLock } from "./rw-lock.js";
