// The ZooKeeper-consistency counterexample a report shows: the first violation of a failed
// zookeeper-consistency check that names its operation, explained (protocol/zk/consistency/explain.ts) from
// the check's own input recorded beside run.json (zk-records.jsonl) — a look at recorded data, no re-run.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  explainZkViolation,
  type ZkCheckName,
  ZkHistoryError,
  type ZkRecord,
  type ZkViolationAt,
  zkCheckNames,
} from "../../protocol/zk/consistency/index.js";
import type { ZkCounterexample } from "../../reports/html/index.js";
import {
  parseJsonLines,
  RunInputError,
  type RunRecord,
  type ViolationJson,
  zkRecordLineSchema,
} from "../../reports/run-data/index.js";
import { ZK_RECORDS_FILE } from "../../scenarios/systems/index.js";

function isZkCheck(check: string): check is ZkCheckName {
  return (zkCheckNames as readonly string[]).includes(check);
}

function zkAt(at: NonNullable<ViolationJson["at"]>): ZkViolationAt {
  return {
    ...(at.process === undefined ? {} : { process: at.process }),
    ...(at.zxid === undefined ? {} : { zxid: at.zxid }),
    ...(at.related === undefined ? {} : { related: at.related }),
  };
}

/** Null unless the run failed its ZooKeeper-consistency check. Bad records are a RunInputError (exit 2). */
export function zkCounterexampleOf(record: RunRecord, dir: string): ZkCounterexample | null {
  const failed = record.run.verdicts.find(
    (outcome) => outcome.check === "zookeeper-consistency" && outcome.verdict === "fail",
  );
  if (failed === undefined) return null;
  const target = failed.violations.find((v) => isZkCheck(v.check) && v.at?.process !== undefined);
  if (target?.at === undefined || !isZkCheck(target.check))
    return {
      kind: "missing",
      reason:
        "No violation names the operation it is about (run.json from an older zabsim): re-record the seed with zabsim run to see the counterexample.",
    };
  const file = join(dir, ZK_RECORDS_FILE);
  if (!existsSync(file))
    return {
      kind: "missing",
      reason: `${file} is missing (the run was recorded by an older zabsim): re-record the seed with zabsim run to see the counterexample.`,
    };
  const records = parseJsonLines(
    readFileSync(file, "utf8"),
    file,
    zkRecordLineSchema,
    "ZooKeeper check input",
  ) as unknown as ZkRecord[];
  const input = { check: target.check, message: target.message, at: zkAt(target.at) };
  try {
    const explanation = explainZkViolation(records, input);
    if (explanation === null)
      return {
        kind: "missing",
        reason: `${file} holds no operation of process ${target.at.process}.`,
      };
    const violationCount = failed.violationCount ?? failed.violations.length;
    return { kind: "explained", explanation, violationCount };
  } catch (error) {
    if (error instanceof ZkHistoryError)
      throw new RunInputError(file, error.position + 1, error.message);
    throw error;
  }
}
