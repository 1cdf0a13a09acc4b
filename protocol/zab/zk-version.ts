// Which ZooKeeper release line the simulation follows (`--zk-version`, a scenario's `zkVersion`). The two
// lines differ where a fix landed in 3.9.0 and was never back-ported to 3.8 (docs/zk-versions.md lists them):
// in ZAB, 3.8.6's NEWLEADER handling (Learner.syncWithLeader); in the server, ZOOKEEPER-4466 (a session's
// watch modes on one path) and ZOOKEEPER-4655 (the zxid in a notification's reply header).

export const ZK_VERSIONS = ["3.8", "3.9"] as const;
export type ZkVersion = (typeof ZK_VERSIONS)[number];

/** The fixed line: what zabsim follows unless told otherwise. */
export const DEFAULT_ZK_VERSION: ZkVersion = "3.9";

export function isZkVersion(text: string): text is ZkVersion {
  return (ZK_VERSIONS as readonly string[]).includes(text);
}
