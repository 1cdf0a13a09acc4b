// The simulated module object: the same exports as node-zookeeper-client 1.1.3's index.js, with the
// driver of the running app instance fetched at each createClient (not at import).
import type { ZkHandleDriver } from "../../scenarios/apps/index.js";
import { ACL, Id } from "./acl.js";
import { Client, type ClientOptions } from "./client.js";
import { createModes } from "./create-mode.js";
import { Event } from "./event.js";
import { Exception } from "./exception.js";
import { permissions } from "./permission.js";
import { states } from "./state.js";

export type SimulatedZookeeper = {
  readonly createClient: (connectionString: string, options?: ClientOptions) => Client;
  readonly ACL: typeof ACL;
  readonly Id: typeof Id;
  readonly Permission: typeof permissions;
  readonly CreateMode: typeof createModes;
  readonly State: typeof states;
  readonly Event: typeof Event;
  readonly Exception: typeof Exception;
};

export function simulatedZookeeper(getDriver: () => ZkHandleDriver): SimulatedZookeeper {
  return {
    createClient: (connectionString, options) => new Client(getDriver(), connectionString, options),
    ACL,
    Id,
    Permission: permissions,
    CreateMode: createModes,
    State: states,
    Event,
    Exception,
  };
}
