// The (time, seq) event queue.
export { EventQueue, isBefore, type Timed } from "./event-queue.js";
