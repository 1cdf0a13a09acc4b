// The fault kinds a scenario's nemesis generator can draw (Jepsen's nemesis catalogue on the kernel's ops).
// Each kind is one fault window: it starts, lasts a drawn time, and is healed before the recovery window.

export const GENERATED_FAULTS = [
  "partition-halves",
  "partition-isolate",
  "partition-isolate-leader",
  "partition-majorities-ring",
  "partition-bridge",
  "partition-one-way",
  "crash",
  "crash-leader",
  "kill",
  "pause",
  "pause-leader",
  "clock-skew",
  "clock-drift",
  "link-loss",
  "link-delay",
  "link-reset",
  "disk-torn",
  "disk-corrupt",
  "disk-error",
  "rolling-restart",
] as const;

export type GeneratedFault = (typeof GENERATED_FAULTS)[number];

/** One line per kind, for `zabsim list nemeses`. */
export const GENERATED_FAULT_DESCRIPTIONS: { readonly [K in GeneratedFault]: string } = {
  "partition-halves": "split the servers into two halves that cannot talk",
  "partition-isolate": "cut one random server off from all others",
  "partition-isolate-leader": "cut the current leader off from all others",
  "partition-majorities-ring": "every server sees a majority, no two see the same one",
  "partition-bridge": "two halves joined only through one bridge server",
  "partition-one-way": "one server's messages to the others are lost; theirs still reach it",
  crash: "power-loss crash of a random server (unsynced writes lost), restarted later",
  "crash-leader": "power-loss crash of the current leader, restarted later",
  kill: "process kill of a random server (unsynced writes kept), restarted later",
  pause: "GC pause / SIGSTOP of a random server",
  "pause-leader": "GC pause / SIGSTOP of the current leader",
  "clock-skew": "jump a server's wall clock by up to ±2 s",
  "clock-drift": "make a server's clock drift by up to ±2,000 ppm, reset at heal",
  "link-loss": "flaky connections between two servers: each message may break the connection",
  "link-delay": "delay spike of up to 200 ms on the links between two servers",
  "link-reset": "break the connection between two servers once (a flap)",
  "disk-torn": "tear a server's last unsynced record, crash it, restart it",
  "disk-corrupt": "flip a byte of a server's last txn-log record, kill it, restart it",
  "disk-error":
    "a transient write error: a server's next fsync fails (EIO), its unsynced writes are lost",
  "rolling-restart": "kill and restart every server in turn, one at a time",
};

/** Fault kinds whose target is the leader of the moment the fault starts. */
export function targetsLeader(kind: GeneratedFault): boolean {
  return kind === "partition-isolate-leader" || kind === "crash-leader" || kind === "pause-leader";
}

/**
 * Faults of an app's instances (`zabsim run --app`), drawn beside the ensemble's when a generator lists them
 * (scenarios/apps/app-faults.ts): a GC pause of an instance, a crash and restart (its main runs again), or the
 * instance cut off from some of the servers.
 */
export const APP_FAULTS = ["app-pause", "app-crash", "app-isolate"] as const;

export type AppFault = (typeof APP_FAULTS)[number];

export const APP_FAULT_DESCRIPTIONS: { readonly [K in AppFault]: string } = {
  "app-pause":
    "GC pause of an app instance: its timers and callbacks stop, its connection times out",
  "app-crash": "crash of an app instance, restarted later: main runs again with a new session",
  "app-isolate":
    "an app instance cut off from some servers (or all), beside any partition of the ensemble",
};
