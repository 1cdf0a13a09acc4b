// The driver of the app instance running now, for lib/node-zookeeper-client. A placeholder until the app
// host provides it: the signature stays, the body is the host's.
import type { ZkHandleDriver } from "./handle-driver.js";

export function currentDriver(): ZkHandleDriver {
  throw new Error(
    "node-zookeeper-client (simulated by zabsim) is only available inside an app run",
  );
}
