// Loading a user's app module, once per instance and incarnation, as separate processes would: every import
// of the app's own files carries a `zabsim-app` token in its URL (a loader hook passes it on to relative
// imports), so each copy has its own module state; packages in node_modules are shared. Inside the app,
// `node-zookeeper-client` resolves to zabsim's simulated module, for `import` (the hook) and `require`
// (Module._load, while app code runs). Imports go through Node's own loader even under a test runner.

import { existsSync, readFileSync } from "node:fs";
import Module, { register } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { constants, Script } from "node:vm";
import { currentRuntime } from "./app-context.js";

/** The hooks, as source: a data: URL needs no file beside the bundle. */
const HOOKS = `
let simulated = "";
export function initialize(data) { simulated = data.simulated; }
export async function resolve(specifier, context, next) {
  const parent = context.parentURL ?? "";
  if (!parent.includes("zabsim-app=")) return next(specifier, context);
  if (specifier === "node-zookeeper-client") return { url: simulated, shortCircuit: true };
  const token = new URL(parent).searchParams.get("zabsim-app");
  const resolved = await next(specifier, context);
  if (!resolved.url.startsWith("file:") || resolved.url.includes("/node_modules/")) return resolved;
  const url = new URL(resolved.url);
  url.searchParams.set("zabsim-app", token);
  return { ...resolved, url: url.href };
}
`;

const state: { registered: boolean; loads: number; simulated: unknown } = {
  registered: false,
  loads: 0,
  simulated: undefined,
};

type ModuleImport = (url: string) => Promise<{ readonly [name: string]: unknown }>;

/** A dynamic import that test runners do not rewrite: Node's loader, with the hook, does it. */
const functionImport = new Function("url", "return import(url)") as ModuleImport;

/**
 * The same import for code a test runner evaluated itself (vitest runs the source files it transforms in a
 * vm script without a dynamic import callback, and a Function made there inherits that): Node's default
 * loader, asked for explicitly. Node marks that option experimental and warns once, so it is the fallback.
 */
const vmImport: ModuleImport = (url) => {
  const script = new Script("(url) => import(url)", {
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  return (script.runInThisContext() as ModuleImport)(url);
};

async function nativeImport(url: string): Promise<{ readonly [name: string]: unknown }> {
  try {
    return await functionImport(url);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING")
      throw error;
    return vmImport(url);
  }
}

/** The package's root: the folder holding zabsim's package.json, above this file wherever it was built to. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "zabsim"
    )
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("zabsim's package.json was not found above the app host");
    dir = parent;
  }
}

/** The built simulated client library (npm run build writes it). */
export function simulatedLibraryUrl(): string {
  const file = join(packageRoot(), "dist", "lib", "node-zookeeper-client", "index.js");
  if (!existsSync(file))
    throw new Error(
      `the simulated node-zookeeper-client is not built: ${file} is missing (npm run build)`,
    );
  return pathToFileURL(file).href;
}

async function prepare(): Promise<void> {
  if (state.registered) return;
  const simulated = simulatedLibraryUrl();
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { simulated } });
  const library = await nativeImport(simulated);
  state.simulated = library.default;
  redirectRequire();
  state.registered = true;
}

/** `require("node-zookeeper-client")` from app code gets the simulated module (CommonJS apps, createRequire). */
function redirectRequire(): void {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
    if (request === "node-zookeeper-client" && currentRuntime() !== undefined)
      return state.simulated;
    return original.call(this, request, ...rest);
  };
}

/** The module's exports, a fresh copy of its own files; `copy` names the copy (`run-3/app-1/2`). */
export async function importApp(
  file: string,
  copy: string,
): Promise<{ readonly [name: string]: unknown }> {
  await prepare();
  state.loads++;
  const url = pathToFileURL(resolve(file));
  url.searchParams.set("zabsim-app", `${copy}/${state.loads}`);
  return nativeImport(url.href);
}
