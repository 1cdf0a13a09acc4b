// The models `zabsim check` knows: sim/check's generic ones, then the protocol's znode tree. Their names and
// descriptions are plain data; the znode tree (the ZooKeeper data tree and client codec, 70 modules) is
// imported only when a check asks for it, so checking a register history does not pay for it.
import { MODELS, type ModelFactory } from "../../sim/check/index.js";

export interface CheckModelInfo {
  readonly name: string;
  readonly description: string;
}

/** The znode tree as `check` and `list models` name it (test/bin/check-models.test.ts keeps it the model's). */
export const ZNODE_TREE_INFO: CheckModelInfo = {
  name: "znode-tree",
  description:
    "The ZooKeeper data tree: create, delete, setData, setACL, multi, close, exists, getData, " +
    "getChildren, ... with their answers and error codes (stat zxids, times and session ids ignored).",
};

/** Every model `check` knows, in the order usage messages and `zabsim list models` show them. */
export const CHECK_MODEL_INFO: readonly CheckModelInfo[] = [...MODELS, ZNODE_TREE_INFO];

export function isCheckModel(name: string): boolean {
  return CHECK_MODEL_INFO.some((model) => model.name === name);
}

/** The named model, loading the znode tree's modules only when it is the one asked for. */
export async function loadCheckModel(name: string): Promise<ModelFactory | undefined> {
  if (name === ZNODE_TREE_INFO.name)
    return (await import("./znode-tree-factory.js")).znodeTreeFactory;
  return MODELS.find((model) => model.name === name);
}
