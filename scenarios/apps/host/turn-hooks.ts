// The instance whose turn is running, for what reaches the process rather than the code (an unhandled
// rejection in a microtask of the turn): the host blames that instance.
import type { AppRuntime } from "./app-context.js";

export const turnHooks: { turn: AppRuntime | null } = { turn: null };
