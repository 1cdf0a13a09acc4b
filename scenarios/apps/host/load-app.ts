// An app file, loaded and checked against the contract (app-module.ts): one copy for `instances` and `check`,
// then a fresh copy per instance and incarnation for `main` (app-loader.ts). A file that cannot be loaded or
// breaks the contract is a reason, for one line of bad input.
import { existsSync } from "node:fs";
import { type AppModule, appModuleOf } from "../app-module.js";
import type { LoadMain } from "./app-host.js";
import { importApp } from "./app-loader.js";
import { describeError } from "./describe-error.js";

export type LoadedApp =
  | { readonly ok: true; readonly app: AppModule; readonly loadMain: LoadMain }
  | { readonly ok: false; readonly reason: string };

const loads: { count: number } = { count: 0 };

export async function loadAppFile(file: string): Promise<LoadedApp> {
  if (!existsSync(file)) return { ok: false, reason: `${file}: no such file` };
  const run = ++loads.count;
  const first = await importOrReason(file, `load-${run}/check`);
  if (!first.ok) return first;
  const checked = appModuleOf(first.exports);
  if (!checked.ok) return { ok: false, reason: `${file}: ${checked.reason}` };
  const loadMain: LoadMain = async (instance, incarnation) => {
    const copy = await importApp(file, `load-${run}/${instance}/${incarnation}`);
    const main = copy.main;
    if (typeof main !== "function")
      throw new Error(`${file}: the copy for ${instance} exports no main`);
    return (ctx) => (main as (ctx: unknown) => unknown)(ctx);
  };
  return { ok: true, app: checked.app, loadMain };
}

async function importOrReason(
  file: string,
  copy: string,
): Promise<
  | { readonly ok: true; readonly exports: { readonly [name: string]: unknown } }
  | { readonly ok: false; readonly reason: string }
> {
  try {
    return { ok: true, exports: await importApp(file, copy) };
  } catch (error) {
    return { ok: false, reason: `${file}: cannot be loaded: ${describeError(error)}` };
  }
}
