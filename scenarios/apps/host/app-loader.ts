// Loading a user's app module, once per instance and incarnation, as separate processes would: every import
// of the app's own files carries a `zabsim-app` token in its URL (a loader hook passes it on to relative
// imports), so each copy has its own module state; packages in node_modules are shared. Inside the app,
// `node-zookeeper-client` resolves to zabsim's simulated module, for `import` (the hook) and `require`
// (Module._load, while app code runs). Imports go through Node's own loader even under a test runner.

import { existsSync, readFileSync } from "node:fs";
import Module, { register } from "node:module";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { constants, Script } from "node:vm";
import { currentRuntime } from "./app-context.js";

/**
 * The hooks, as source: a data: URL needs no file beside the bundle. One copy is registered per app folder
 * (`data.folder`): ESM imports carry the copy's token, which is passed on to the app's own files; a CommonJS
 * `require` (which Node routes through the hooks too) is the app's when its file lies in the app's folder
 * outside node_modules.
 */
const HOOKS = `
let simulated = "";
let folder = "";
export function initialize(data) { simulated = data.simulated; folder = data.folder; }
function isAppFile(url) {
  return url.startsWith(folder) && !url.includes("/node_modules/");
}
export async function resolve(specifier, context, next) {
  const parent = context.parentURL ?? "";
  const marked = parent.includes("zabsim-app=");
  if (specifier === "node-zookeeper-client" && (marked || isAppFile(parent))) {
    return { url: simulated, shortCircuit: true };
  }
  if (!marked) return next(specifier, context);
  const token = new URL(parent).searchParams.get("zabsim-app");
  const resolved = await next(specifier, context);
  if (!resolved.url.startsWith("file:") || resolved.url.includes("/node_modules/")) return resolved;
  const url = new URL(resolved.url);
  url.searchParams.set("zabsim-app", token);
  return { ...resolved, url: url.href };
}
`;

const state: {
  registered: boolean;
  loads: number;
  simulated: unknown;
  simulatedUrl: string;
  vmImport: NativeImport | undefined;
  /** App folders (file: URLs, ending in /) whose hooks are registered. */
  folders: Set<string>;
  /** Imports of app files in progress: their top-level `require`s run outside any instance's turn. */
  loading: number;
} = {
  loading: 0,
  registered: false,
  loads: 0,
  simulated: undefined,
  simulatedUrl: "",
  vmImport: undefined,
  folders: new Set(),
};

type NativeImport = (url: string) => Promise<{ readonly [name: string]: unknown }>;

/** A dynamic import that test runners do not rewrite: Node's loader, with the hook, does it. */
const functionImport = new Function("url", "return import(url)") as NativeImport;

/**
 * A `new Function` uses the dynamic-import callback of the module that made it, and a module a test runner
 * evaluated with vm (vitest) has none (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING). There the import is compiled
 * as a vm.Script with the main context's loader (experimental in Node 20: it warns once, so it is the
 * fallback, not the rule).
 */
async function nativeImport(url: string): Promise<{ readonly [name: string]: unknown }> {
  try {
    return await functionImport(url);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== "ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING")
      throw error;
  }
  state.vmImport ??= new Script("(url) => import(url)", {
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  }).runInThisContext() as NativeImport;
  return state.vmImport(url);
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
  state.simulatedUrl = simulatedLibraryUrl();
  const library = await nativeImport(state.simulatedUrl);
  state.simulated = library.default;
  redirectRequire();
  state.registered = true;
}

/** The hooks for the app's folder, once per folder and process. */
function hookFolder(path: string): void {
  const folder = pathToFileURL(dirname(path)).href.replace(/\/?$/, "/");
  if (state.folders.has(folder)) return;
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, {
    data: { simulated: state.simulatedUrl, folder },
  });
  state.folders.add(folder);
}

/**
 * `require("node-zookeeper-client")` from app code gets the simulated module (createRequire in app code; a
 * CommonJS require outside the hooks' reach).
 */
function redirectRequire(): void {
  // Module._load is internal (what require calls); mocking libraries patch it the same way.
  const original: unknown = Reflect.get(Module, "_load");
  if (typeof original !== "function")
    throw new Error("this Node has no Module._load to redirect require");
  Reflect.set(Module, "_load", function (this: unknown, request: string, ...rest: unknown[]) {
    if (
      request === "node-zookeeper-client" &&
      (currentRuntime() !== undefined || state.loading > 0)
    )
      return state.simulated;
    return original.call(this, request, ...rest);
  });
}

/** The module's exports, a fresh copy of its own files; `copy` names the copy (`run-3/app-1/2`). */
export async function importApp(
  file: string,
  copy: string,
): Promise<{ readonly [name: string]: unknown }> {
  await prepare();
  state.loads++;
  const path = resolve(file);
  hookFolder(path);
  forgetCommonJs(dirname(path));
  const url = pathToFileURL(path);
  url.searchParams.set("zabsim-app", `${copy}/${state.loads}`);
  state.loading++;
  try {
    return await nativeImport(url.href);
  } finally {
    state.loading--;
  }
}

/**
 * CommonJS files are cached by file name, whatever the URL that imported them: the app's own (in its folder,
 * outside node_modules) are forgotten before each copy, so every copy evaluates them afresh too.
 */
function forgetCommonJs(folder: string): void {
  const cache: unknown = Reflect.get(Module, "_cache");
  if (typeof cache !== "object" || cache === null) return;
  for (const file of Object.keys(cache)) {
    if (file.startsWith(`${folder}${sep}`) && !file.includes(`${sep}node_modules${sep}`))
      Reflect.deleteProperty(cache, file);
  }
}
