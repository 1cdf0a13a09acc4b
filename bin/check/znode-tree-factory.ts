// The znode-tree model as sim/check's ModelFactory. It lives in protocol/zk (sim/ knows no protocol), so
// `zabsim check` imports this module only for `--model znode-tree` (check-models.ts).
import { ZnodeInputError, znodeTreeModel } from "../../protocol/zk/consistency/index.js";
import {
  type AnyModel,
  MODELS,
  type ModelFactory,
  ModelInputError,
} from "../../sim/check/index.js";

/**
 * The znode-tree model satisfies sim/check's Model structurally, and its input errors become
 * ModelInputError so that bad input names file and line.
 */
export const znodeTreeFactory: ModelFactory = {
  name: znodeTreeModel.name,
  description: znodeTreeModel.description,
  create: (): AnyModel => {
    const model: AnyModel = znodeTreeModel.create();
    return {
      ...model,
      parse: (operation) => {
        try {
          return model.parse(operation);
        } catch (error) {
          if (error instanceof ZnodeInputError)
            throw new ModelInputError(error.field, error.message);
          throw error;
        }
      },
    };
  },
};

/** Every model `check` knows, loaded: for callers that have the protocol loaded anyway (reports). */
export const CHECK_MODELS: readonly ModelFactory[] = [...MODELS, znodeTreeFactory];
