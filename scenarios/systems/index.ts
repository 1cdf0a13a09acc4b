// The systems a scenario can run, by name. A system not built yet has no driver (see SYSTEM_CAPABILITIES).
import type { SystemName } from "../schema/index.js";
import type { SystemDriver } from "./system.js";
import { zabSystem } from "./zab-system.js";
import { zookeeperSystem } from "./zookeeper-system.js";

export {
  clientLabel,
  hexSession,
  hexZxid,
  SYSTEM_PROCESS_BASE,
  workloadClients,
} from "./labels.js";
export { LeaderTracker } from "./leader-tracker.js";
export {
  type AppClients,
  type CheckOutcome,
  type CheckWindow,
  combineVerdicts,
  RUN_CHECKS,
  type RunCheck,
  type ServerStatus,
  type SystemDriver,
  type SystemInstance,
  type Verdict,
  type Violation,
  type ViolationAt,
} from "./system.js";
export { zabSystem } from "./zab-system.js";
export { ZK_RECORDS_FILE, zookeeperSystem } from "./zookeeper-system.js";

export const SYSTEM_DRIVERS: { readonly [S in SystemName]?: SystemDriver } = {
  zab: zabSystem,
  zookeeper: zookeeperSystem,
};

export function systemDriver(name: SystemName): SystemDriver {
  const driver = SYSTEM_DRIVERS[name];
  if (driver === undefined) throw new RangeError(`the '${name}' system is not built yet`);
  return driver;
}
