// The real node-zookeeper-client 1.1.3 (a devDependency), for tests that compare the simulated module
// with it at run time.
import { createRequire } from "node:module";
import type { SimulatedZookeeper } from "../../../lib/node-zookeeper-client/module.js";

/** The real package, typed as the simulated module's shape: the tests compare them at run time. */
export const real: SimulatedZookeeper = createRequire(import.meta.url)("node-zookeeper-client");

/** The message of what `fn` throws (it must throw). */
export function captureMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) return error.message;
  }
  throw new Error("expected a throw");
}
