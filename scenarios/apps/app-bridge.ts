// What an instance's node tells the app host, from inside its steps. The host only queues these (the app's
// code runs after the step, in the instance's turn), so a step stays a step: nothing asynchronous runs in it.
import type { CallOutcome, HandleEvent } from "./handle-driver.js";

export interface AppBridge {
  /** The node started or restarted after a crash: a new incarnation, whose `main` runs from the start. */
  started(instance: string): void;
  timerFired(instance: string, timer: number): void;
  /** A call (kernel request id) ended. */
  replied(instance: string, requestId: number, outcome: CallOutcome): void;
  /** The handle opened by the `handle`-th APP_OPEN saw a session or watch event. */
  handleEvent(instance: string, handle: number, event: HandleEvent): void;
}
