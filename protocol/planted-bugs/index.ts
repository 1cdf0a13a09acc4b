// The planted bugs of every layer (reference §6): ids, what each switch changes, and the checks that catch it.
export {
  BUG_IDS,
  type BugId,
  type BugLayer,
  isCaughtBy,
  isServerBug,
  isZabBug,
  PLANTED_BUGS,
  type PlantedBug,
  plantedBug,
  SERVER_BUG_IDS,
  type ServerBugId,
  ZAB_BUG_IDS,
  type ZabBugId,
} from "./planted-bugs.js";
