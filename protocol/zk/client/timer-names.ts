// The client handle's timers. Setting a timer again re-arms it; a stale firing is ignored by checking the
// connection state it was meant for.

/** The handshake must finish within connectTimeout. */
export const CONNECT_TIMER = "zk-client/connect";
/** Nothing heard for readTimeout: the connection is dead. Re-armed on every packet received. */
export const READ_TIMER = "zk-client/read";
/** Nothing sent for readTimeout/2: send a PING. Re-armed on every packet sent. */
export const PING_TIMER = "zk-client/ping";
/** The oldest outstanding request must be answered by then (only with requestTimeoutMs > 0). */
export const REQUEST_TIMER = "zk-client/request";
/** The wait before the next connection attempt. */
export const RECONNECT_TIMER = "zk-client/reconnect";
