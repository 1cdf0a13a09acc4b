// The contract of an app module (docs/apps.md): what `zabsim run --app FILE` loads and the library's
// `simulate` takes. Checked when loaded, so a wrong export is one clear line, not a crash mid-run.
import type { Json } from "../../sim/api/index.js";

/** What `main` gets: who it is, where the ensemble is, and the simulation's time and randomness. */
export interface AppContext {
  /** `app-1`, ... */
  readonly id: string;
  /** 0-based. */
  readonly index: number;
  /** 1 for the instance's first start, 2 after its first crash and restart, ... */
  readonly incarnation: number;
  /** `n1:2181,n2:2181,...`: every server of the ensemble, for `createClient`. */
  readonly connectString: string;
  /** Records a note for `check`, at the current simulated time. Fields must be JSON. */
  note(event: string, fields?: { readonly [field: string]: Json }): void;
  /** Resolves after `ms` milliseconds of simulated time. */
  sleep(ms: number): Promise<void>;
  /** The instance's seeded stream, in [0, 1). */
  random(): number;
}

/** A note as `check` sees it: every instance's, in simulated-time order. */
export interface AppNote {
  readonly instance: string;
  readonly event: string;
  readonly atMs: number;
  readonly [field: string]: Json;
}

export interface AppModule {
  /** Copies to run, as client nodes app-1..app-N (default 1). */
  readonly instances: number;
  main(ctx: AppContext): unknown;
  /** Returns null when the notes are fine, or a message saying what is wrong. */
  check?(notes: readonly AppNote[]): unknown;
}

/** At most this many instances: each is a client node with its own session. */
export const APP_INSTANCES_MAX = 100;

export type AppModuleCheck =
  | { readonly ok: true; readonly app: AppModule }
  | { readonly ok: false; readonly reason: string };

/** Checks a loaded module's exports against the contract; `reason` names the export that is wrong. */
export function appModuleOf(exports: { readonly [name: string]: unknown }): AppModuleCheck {
  const main = exports.main;
  if (typeof main !== "function")
    return {
      ok: false,
      reason: "exports no function `main` (export async function main(ctx) { ... })",
    };
  const instances = exports.instances ?? 1;
  if (
    typeof instances !== "number" ||
    !Number.isSafeInteger(instances) ||
    instances < 1 ||
    instances > APP_INSTANCES_MAX
  )
    return {
      ok: false,
      reason: `\`instances\` must be an integer from 1 to ${APP_INSTANCES_MAX}, got ${String(instances)}`,
    };
  const check = exports.check;
  if (check !== undefined && typeof check !== "function")
    return { ok: false, reason: "`check` must be a function when exported" };
  const app: AppModule = {
    instances,
    main: (ctx) => (main as (ctx: AppContext) => unknown)(ctx),
    ...(check === undefined
      ? {}
      : {
          check: (notes: readonly AppNote[]) =>
            (check as (n: readonly AppNote[]) => unknown)(notes),
        }),
  };
  return { ok: true, app };
}

export function instanceName(index: number): string {
  return `app-${index + 1}`;
}
