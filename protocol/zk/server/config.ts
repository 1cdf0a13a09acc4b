// The server's settings (zoo.cfg and system properties): the ZAB ensemble and its ticks, the session timeout
// bounds (2 and 20 ticks by default, reference §3), the leader's container/TTL reaping (ContainerManager),
// TTL nodes (extendedTypesEnabled, off as in ZooKeeper), and the planted bugs that tests switch on to show a
// property is not vacuous.
import { assert, type NodeId } from "../../../sim/api/index.js";
import { SERVER_BUG_IDS, type ServerBugId } from "../../planted-bugs/index.js";
import { DEFAULT_ZK_VERSION, type ZabConfig, type ZkVersion, zabConfig } from "../../zab/index.js";
import { type AppliedEntry, type ZkDatabase, zkDatabaseMachine } from "./zk-database.js";

/**
 * Deliberately broken behaviour, off in every real run (the registry in protocol/planted-bugs says more):
 * - `reply-before-watch`: a txn's client reply goes out before the watch events it fires (breaks "a client
 *   sees the watch event before it sees any data that reflects the change").
 * - `ZOOKEEPER-1208`: closeSession prep does not mark the session closing for checkSession, so a request of
 *   the session prepped after it still passes (an ephemeral outlives its session).
 */
export const SERVER_BUGS = SERVER_BUG_IDS;
export type ServerBug = ServerBugId;

export type ServerConfig = {
  readonly zab: ZabConfig<ZkDatabase, AppliedEntry>;
  readonly tickMs: number;
  readonly minSessionTimeoutMs: number;
  readonly maxSessionTimeoutMs: number;
  /**
   * `znode.container.checkIntervalMs` (ZooKeeper: 60000): the leader's ContainerManager looks for containers
   * and TTL nodes to reap this long after it starts, then at this fixed rate.
   */
  readonly containerCheckIntervalMs: number;
  /** `znode.container.maxPerMinute` (10000): deletions of one check are posted 60000 / this ms apart. */
  readonly containerMaxPerMinute: number;
  /** `znode.container.maxNeverUsedIntervalMs` (0): 0 keeps never-used containers. */
  readonly containerMaxNeverUsedIntervalMs: number;
  /** `zookeeper.extendedTypesEnabled` (false, a system property read with Boolean.getBoolean): TTL nodes need it. */
  readonly extendedTypesEnabled: boolean;
  /**
   * zabsim's linearizable-reads mode, not a ZooKeeper setting: every read is preceded in its session's queue by
   * an internal no-op write (a multi holding one check of "/"), which the leader must commit with a quorum;
   * the read is answered from this server's tree right after that txn is applied here. So a partitioned
   * server can no longer answer a stale read (what ZOOKEEPER-1675's quorum sync would give `sync` + read).
   * Costs one zxid per read. Off by default, as in ZooKeeper, whose reads are served locally.
   */
  readonly linearizableReads: boolean;
  /**
   * The release line the server follows, the same as `zab.zkVersion`: "3.8" is 3.8.x without ZOOKEEPER-4466
   * (a session's later watch registration on a path replaces the mode of its earlier one, watch-modes.ts) and
   * without ZOOKEEPER-4655 (notifications carry zxid -1); "3.9" has both fixes.
   */
  readonly zkVersion: ZkVersion;
  readonly bugs: readonly ServerBug[];
};

/** `zkVersion` is given once, here: it sets both the server's and the ZAB peer's. */
export type ServerOptions = Partial<Omit<ServerConfig, "zab" | "tickMs">> & {
  readonly zab?: Partial<Omit<ZabConfig, "servers" | "stateMachine" | "zkVersion">>;
};

export function serverConfig(
  servers: readonly NodeId[],
  options: ServerOptions = {},
): ServerConfig {
  const { zab: zabOverrides, ...rest } = options;
  const zkVersion = options.zkVersion ?? DEFAULT_ZK_VERSION;
  const zab = zabConfig(servers, { ...zabOverrides, zkVersion, stateMachine: zkDatabaseMachine });
  const tickMs = zab.tickTimeUs / 1_000;
  const config: ServerConfig = {
    zab,
    tickMs,
    minSessionTimeoutMs: 2 * tickMs,
    maxSessionTimeoutMs: 20 * tickMs,
    containerCheckIntervalMs: 60_000,
    containerMaxPerMinute: 10_000,
    containerMaxNeverUsedIntervalMs: 0,
    extendedTypesEnabled: false,
    linearizableReads: false,
    bugs: [],
    ...rest,
    zkVersion,
  };
  assert(
    Number.isInteger(tickMs) && tickMs >= 2,
    "tickTime must be a whole number of ms, at least 2",
  );
  assert(
    config.minSessionTimeoutMs > 0 && config.minSessionTimeoutMs <= config.maxSessionTimeoutMs,
    "session timeout bounds must satisfy 0 < min <= max",
  );
  assert(
    Number.isSafeInteger(config.containerCheckIntervalMs) && config.containerCheckIntervalMs >= 1,
    "znode.container.checkIntervalMs must be a whole number of ms, at least 1",
  );
  assert(
    Number.isSafeInteger(config.containerMaxPerMinute) && config.containerMaxPerMinute >= 1,
    "znode.container.maxPerMinute must be a whole number, at least 1",
  );
  assert(
    Number.isSafeInteger(config.containerMaxNeverUsedIntervalMs) &&
      config.containerMaxNeverUsedIntervalMs >= 0,
    "znode.container.maxNeverUsedIntervalMs must be a whole number of ms, at least 0",
  );
  for (const bug of config.bugs) assert(SERVER_BUGS.includes(bug), `unknown server bug ${bug}`);
  return config;
}

export function hasServerBug(config: ServerConfig, bug: ServerBug): boolean {
  return config.bugs.length > 0 && config.bugs.includes(bug);
}

/** processConnectRequest: the requested timeout clamped to [min, max]. */
export function negotiateTimeoutMs(config: ServerConfig, requestedMs: number): number {
  return Math.min(config.maxSessionTimeoutMs, Math.max(config.minSessionTimeoutMs, requestedMs));
}
