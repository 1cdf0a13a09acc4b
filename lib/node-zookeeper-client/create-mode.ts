// CreateMode.js of node-zookeeper-client 1.1.3 (no container or TTL modes in this version) and the
// create flags as zabsim's create modes.

export const createModes = {
  PERSISTENT: 0,
  PERSISTENT_SEQUENTIAL: 2,
  EPHEMERAL: 1,
  EPHEMERAL_SEQUENTIAL: 3,
} as const;

const modeNames = ["persistent", "ephemeral", "persistent_sequential", "ephemeral_sequential"];

/**
 * The library sends any number as the create flags. zabsim's calls only take its mode names, so a flag the
 * library has no name for is sent as a name zabsim rejects, which ends the call BADARGUMENTS (never sent),
 * as CreateMode.fromFlag does on the server for an unknown flag.
 */
export function modeOfFlags(flags: number): string {
  return modeNames[flags] ?? `flags:${flags}`;
}
