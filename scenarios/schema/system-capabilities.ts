// What each system can run, as data, so a scenario asking for more is refused at validation with the field
// that asks for it. scenarios/systems/ registers one driver per built system and agrees with this table.
import {
  type CheckName,
  CLIENT_OPS,
  type ClientOpName,
  type SystemName,
} from "./scenario-schema.js";

export interface SystemCapabilities {
  /** False while the system's driver is being built: scenarios naming it are refused. */
  readonly built: boolean;
  readonly ops: readonly ClientOpName[];
  readonly checks: readonly CheckName[];
  readonly recipes: boolean;
  readonly observers: boolean;
}

export const SYSTEM_CAPABILITIES: { readonly [S in SystemName]: SystemCapabilities } = {
  // Servers running ZAB with the register state machine; clients submit writes to any server.
  zab: {
    built: true,
    ops: ["write"],
    checks: ["zab-invariants", "liveness"],
    recipes: false,
    observers: true,
  },
  // zkServer + zkClient nodes (protocol/zk/server): the ZooKeeper consistency checker, recipes, sessions.
  zookeeper: {
    built: true,
    ops: CLIENT_OPS,
    checks: [
      "zab-invariants",
      "liveness",
      "zookeeper-consistency",
      "linearizability",
      "recipes",
      "sessions",
    ],
    recipes: true,
    observers: true,
  },
};
