// node-zookeeper-client as apps see it inside a zabsim app run: `import zookeeper from
// "node-zookeeper-client"` and `import { createClient } from "node-zookeeper-client"` both resolve here.
import { currentDriver } from "../../scenarios/apps/current-driver.js";
import { simulatedZookeeper } from "./module.js";

const zookeeper = simulatedZookeeper(currentDriver);

export default zookeeper;
export const { createClient, ACL, Id, Permission, CreateMode, State, Event, Exception } = zookeeper;
export type { Client, ClientOptions } from "./client.js";
export type { SimulatedZookeeper } from "./module.js";
export type { Stat } from "./stat.js";
export type { Transaction, TransactionResult } from "./transaction.js";
export type { Watcher } from "./watcher-manager.js";
