// The `app` option of the library: an app file (a path or a file: URL), loaded and checked as `zabsim run
// --app` loads it, or an app module already in hand. A file that cannot be loaded, or exports that break the
// contract (scenarios/apps/app-module.ts), is an Error naming what is wrong, before anything runs.
import { isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { AppContext, AppModule, AppNote } from "../../scenarios/apps/app-module.js";
import { appModuleOf } from "../../scenarios/apps/app-module.js";
import type { LoadMain } from "../../scenarios/apps/host/app-host.js";
import { loadAppFile } from "../../scenarios/apps/host/load-app.js";

/**
 * An app module given as an object: what an app file exports. `instances` defaults to 1. Every instance (and
 * every restart of one) calls this same `main`: unlike an app file, which is loaded afresh per instance as a
 * separate process would load it, state kept outside `main` (module variables, closures) is shared by all
 * instances and all seeds.
 */
export interface AppObject {
  readonly instances?: number;
  main(ctx: AppContext): unknown;
  check?(notes: readonly AppNote[]): unknown;
}

/** An app file's path (relative to the current folder) or file: URL, or an app module as an object. */
export type AppOption = string | URL | AppObject;

/** An app ready to run: the module, how each instance gets its `main`, and the file it came from. */
export interface ResolvedApp {
  readonly app: AppModule;
  readonly loadMain: LoadMain;
  /** The file as a repro command names it (relative to the current folder when inside it); null for an object. */
  readonly file: string | null;
}

export async function resolveApp(option: AppOption): Promise<ResolvedApp> {
  if (typeof option === "string" || option instanceof URL) {
    const path = typeof option === "string" ? option : fileURLToPath(option);
    const loaded = await loadAppFile(resolve(path));
    if (!loaded.ok) throw new Error(`zabsim: the app ${loaded.reason}`);
    return { app: loaded.app, loadMain: loaded.loadMain, file: commandPath(path) };
  }
  // Called as methods, so an object whose main or check uses `this` keeps it.
  const checked = appModuleOf({
    instances: option.instances,
    main: (ctx: AppContext) => option.main(ctx),
    check:
      option.check === undefined ? undefined : (notes: readonly AppNote[]) => option.check?.(notes),
  });
  if (!checked.ok) throw new Error(`zabsim: the app object ${checked.reason}`);
  const main = checked.app.main;
  return { app: checked.app, loadMain: async () => main, file: null };
}

/** `./apps/lock.js` for a file under the current folder, else the absolute path. */
function commandPath(path: string): string {
  const absolute = resolve(path);
  const inside = relative(process.cwd(), absolute);
  if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) return absolute;
  return inside.startsWith(".") ? inside : `./${inside}`;
}
