// The driver of the app instance whose code is running, for lib/node-zookeeper-client: found through the
// process's one app context (host/app-context.ts), so any copy of the library finds it.
import type { ZkHandleDriver } from "./handle-driver.js";
import { currentRuntime } from "./host/app-context.js";

export function currentDriver(): ZkHandleDriver {
  const runtime = currentRuntime();
  if (runtime === undefined) {
    throw new Error(
      "node-zookeeper-client (simulated by zabsim) is only available inside an app run",
    );
  }
  return runtime.driver();
}
