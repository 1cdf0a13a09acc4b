// Every row of the protocol story table (test/stories/protocol-kinds.ts) run as its CLI would: the violation
// is located at the step that shows it (node, time, client) and its story names the hex zxids, sessions,
// clients and servers involved.
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import type { BugId } from "../../../../protocol/planted-bugs/index.js";
import { loadAppFile } from "../../../../scenarios/apps/host/load-app.js";
import { runAppScenario } from "../../../../scenarios/apps/host/run-app.js";
import { builtInScenario } from "../../../../scenarios/catalog/index.js";
import { runScenario, type ScenarioRun } from "../../../../scenarios/runner/index.js";
import type { Violation } from "../../../../scenarios/systems/index.js";
import { PROTOCOL_STORY_KINDS, type StoryKind } from "../../../stories/protocol-kinds.js";

/** A zxid or session id in decimal (sequential node names like `n-0000000001` are not). */
const DECIMAL_ID = /(?<![\w-])[1-9]\d{9,}\b/;

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

async function runKind(kind: StoryKind): Promise<ScenarioRun> {
  const base = builtInScenario(kind.scenario);
  if (base === undefined) throw new Error(`no scenario ${kind.scenario}`);
  const scenario = { ...base, bugs: [...base.bugs, ...(kind.bugs as BugId[])] };
  if (kind.app === undefined) return runScenario(scenario, kind.seed);
  const loaded = await loadAppFile(`${ROOT}${kind.app}`);
  if (!loaded.ok) throw new Error(loaded.reason);
  return runAppScenario(scenario, kind.seed, loaded.app, loaded.loadMain);
}

function firstOf(run: ScenarioRun, kind: StoryKind): Violation {
  const outcome = run.checks.find((c) => c.check === kind.kind);
  const violation = outcome?.violations.find((v) => v.check === kind.check);
  if (violation === undefined) throw new Error(`no ${kind.check} violation in ${kind.kind}`);
  return violation;
}

describe("protocol check kinds: located, and told with their zxids and labels", () => {
  for (const kind of PROTOCOL_STORY_KINDS) {
    const name = `${kind.kind} ${kind.check}: ${kind.scenario} seed ${kind.seed} ${kind.bugs.join(" ")}${kind.app ?? ""}`;
    test(name, { timeout: 60_000 }, async () => {
      const run = await runKind(kind);
      const violation = firstOf(run, kind);
      const { client, node, nearUs, storyIncludes } = kind.expect;
      if (client !== undefined) expect(violation.at?.client).toBe(client);
      if (node !== undefined) expect(violation.at?.node).toBe(node);
      if (nearUs !== undefined)
        expect(Math.abs((violation.at?.timeUs ?? -1e9) - nearUs)).toBeLessThan(1_000);
      for (const words of storyIncludes) expect(violation.story).toContain(words);
      // Zxids and sessions are printed in hex, never as the decimal numbers JSON keeps.
      expect(violation.story).not.toMatch(DECIMAL_ID);
      expect(violation.message).not.toMatch(DECIMAL_ID);
    });
  }
});
