// The ZAB peer's planted bugs (protocol/planted-bugs, reference §6): a peer asks `hasBug(config, id)`; with no
// switch on it is the fixed protocol. The registry of every layer is re-exported here for the importers of
// protocol/zab that predate it.
import type { ZabBugId } from "../planted-bugs/index.js";
import type { ZabConfig } from "./config.js";

export {
  BUG_IDS,
  type BugId,
  PLANTED_BUGS,
  type PlantedBug,
  plantedBug,
} from "../planted-bugs/index.js";

/** A ZabConfig may name server bugs too (the zookeeper system passes the scenario's list); they change nothing here. */
export function hasBug(config: ZabConfig, id: ZabBugId): boolean {
  return config.bugs.length > 0 && config.bugs.includes(id);
}
