// Golden trace text: one line per event, written by the kernel's own descriptions, and under it the effects
// the step returned that leave the node (sends, closes, disk writes, fsyncs, replies), as etcd raft's
// datadriven tests print every Ready. Timers, observations and logs are left out to keep the files readable.
import type { Effect, Json, Message } from "../../sim/api/index.js";
import { assertNever } from "../../sim/api/index.js";
import type { Simulation } from "../../sim/kernel/index.js";

const EFFECT_INDENT = " ".repeat(30);

/** Collects every step's effects; call before running, then `goldenLines` after. */
export function recordEffects(sim: Simulation): Map<number, string[]> {
  const byIndex = new Map<number, string[]>();
  sim.onStep((step) => {
    if (step.node === null) return;
    const describe = sim.nodeOf(step.node).protocol.describeMessage;
    const lines = step.effects
      .map((effect) => describeEffect(effect, (msg) => describe?.(msg) ?? compactJson(msg)))
      .filter((line): line is string => line !== null);
    if (lines.length > 0) byIndex.set(step.index, lines);
  });
  return byIndex;
}

export function goldenLines(
  sim: Simulation,
  effects: ReadonlyMap<number, readonly string[]>,
): string {
  const body = sim.traceEntries.flatMap((e) => [
    `${String(e.timeUs).padStart(8)} ${e.node.padEnd(3)} ${e.kind.padEnd(12)} ${e.text}`,
    ...(effects.get(e.index) ?? []).map((line) => `${EFFECT_INDENT}${line}`),
  ]);
  return `${body.join("\n")}\nhash ${sim.traceHash}\n`;
}

function describeEffect(
  effect: Effect<Message>,
  describeMessage: (msg: Message) => string,
): string | null {
  switch (effect.kind) {
    case "send":
      return `send ${effect.to} ${describeMessage(effect.msg)}`;
    case "close":
      return `close ${effect.peer}`;
    case "append":
      return `append ${effect.log} ${compactJson(effect.record)}`;
    case "truncate":
      return `truncate ${effect.log} to ${effect.length}`;
    case "write-file":
      return `write-file ${effect.file} ${compactJson(effect.data)}`;
    case "delete-file":
      return `delete-file ${effect.file}`;
    case "fsync":
      return effect.token === undefined ? "fsync" : `fsync token=${effect.token}`;
    case "exit":
      return `exit ${effect.reason}`;
    case "reply":
      return `reply #${effect.requestId} ${effect.type} ${compactJson(effect.value)}${
        effect.fields === undefined ? "" : ` ${compactJson(effect.fields)}`
      }`;
    case "set-timer":
    case "cancel-timer":
    case "observe":
    case "log":
      return null;
    default:
      return assertNever(effect, "effect");
  }
}

function compactJson(value: Json | Message): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
