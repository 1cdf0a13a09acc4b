// The reserved xids of ClientCnxn: packets that are not answers to an application request carry these
// instead of a client-assigned, increasing xid (which starts at 1).

/** A watcher event pushed by the server (ReplyHeader xid of a notification). */
export const NOTIFICATION_XID = -1;
/** A client PING and the server's answer. */
export const PING_XID = -2;
/** An addAuth packet and the server's answer. */
export const AUTH_XID = -4;
/** The setWatches packet a client sends after reconnecting, and its answer. */
export const SET_WATCHES_XID = -8;

/** The first xid a fresh handle assigns to an application request. */
export const FIRST_XID = 1;
