// The models `zabsim check` names without loading them are the ones it loads.
import { expect, it } from "vitest";
import { CHECK_MODEL_INFO, loadCheckModel } from "../../bin/check/check-models.js";
import { CHECK_MODELS } from "../../bin/check/znode-tree-factory.js";

it("names and describes every model exactly as the loaded model factories do", async () => {
  const described = (models: readonly { name: string; description: string }[]) =>
    models.map(({ name, description }) => ({ name, description }));
  expect(described(CHECK_MODEL_INFO)).toEqual(described(CHECK_MODELS));
  for (const info of CHECK_MODEL_INFO)
    expect((await loadCheckModel(info.name))?.name).toBe(info.name);
  expect(await loadCheckModel("no-such-model")).toBeUndefined();
});
