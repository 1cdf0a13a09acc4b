// The ZooKeeper client library as a node protocol: connect string, session handshake and timeouts, pings,
// reconnects, CONNECTIONLOSS, session events, watch bookkeeping and re-registration (reference §2, §3).

export { zkClient } from "./client.js";
export {
  type ClientConfig,
  clientConfig,
  connectTimeoutUs,
  pingIntervalUs,
  readTimeoutUs,
} from "./config.js";
export { type ClientCall, type Decoded, decodeCall } from "./decode.js";
export { shuffleHosts } from "./hosts.js";
export {
  type ClientState,
  type HandleState,
  handleStates,
  type KeeperState,
  keeperStates,
} from "./state.js";
export {
  CONNECT_TIMER,
  PING_TIMER,
  READ_TIMER,
  RECONNECT_TIMER,
  REQUEST_TIMER,
} from "./timer-names.js";
export { materialize, setWatchesOf, watchRegisteredBy } from "./watch-registry.js";
