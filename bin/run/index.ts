// What `zabsim run`, `merge` and `shrink` share: running seeds, run directories, shrinking.

export { type RunTarget, runSeed, type SeedResult, targetName } from "./seed-result.js";
export { runSeeds } from "./seed-source.js";
