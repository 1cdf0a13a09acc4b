// The lint rules that keep the simulation deterministic and the layers apart are really on: each banned
// construct, placed where it is banned, is rejected, and the same code is accepted where it is allowed.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

/** Lints `source` as if it were the file `path`, by writing it into a scratch folder inside that layer. */
function lint(path: string, source: string): { ok: boolean; output: string } {
  const [layer, file] = path.split("/") as [string, string];
  const scratch = join(layer, `lint-probe-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const target = join(scratch, file);
  mkdirSync(dirname(target), { recursive: true });
  try {
    writeFileSync(target, source);
    const result = spawnSync("node_modules/.bin/biome", ["lint", "--max-diagnostics=50", target], {
      encoding: "utf8",
    });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const BANNED: readonly (readonly [string, string, RegExp])[] = [
  ["sim/probe.ts", "export const t = Date.now();\n", /Read time from the simulated clock/],
  ["protocol/probe.ts", "export const r = Math.random();\n", /draw from the seeded Prng/],
  [
    "scenarios/probe.ts",
    "export function f(): void {\n  setTimeout(() => {}, 1);\n}\n",
    /Schedule an event on the simulated clock/,
  ],
  ["sim/probe.ts", "export const p = process.argv;\n", /Only bin\/ touches the host process/],
  [
    "sim/probe.ts",
    "let counter = 0;\nexport const next = (): number => ++counter;\n",
    /module-level mutable state/,
  ],
  [
    "protocol/probe.ts",
    "export async function f(): Promise<number> {\n  return 1;\n}\n",
    /No async code/,
  ],
  [
    "protocol/probe.ts",
    'import { Simulation } from "../sim/kernel/index.js";\nexport const s = Simulation;\n',
    /protocol\/ may import only sim\/api/,
  ],
  [
    "protocol/probe.ts",
    'import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n',
    /protocol\/ is pure/,
  ],
  [
    "sim/probe.ts",
    'import { zabPeer } from "../protocol/zab/index.js";\nexport const z = zabPeer;\n',
    /protocol-agnostic/,
  ],
  ["sim/probe.ts", "export enum Role {\n  Leader,\n}\n", /lint\/style\/noEnum/],
];

describe("lint rules", () => {
  it.each(BANNED)("rejects in %s: %s", (path, source, message) => {
    const result = lint(path, source);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(message);
  });

  it("allows the host process, the wall clock and async code in bin/", () => {
    const source =
      "export async function main(): Promise<number> {\n  return Date.now() + process.pid;\n}\n";
    expect(lint("bin/probe.ts", source)).toMatchObject({ ok: true });
  });

  it("allows protocol/ to import the kernel's public types", () => {
    const source = 'import type { NodeId } from "../sim/api/index.js";\nexport type Id = NodeId;\n';
    expect(lint("protocol/probe.ts", source)).toMatchObject({ ok: true });
  });
});
