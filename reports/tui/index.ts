// The replay TUI (issue 8): the model of a run, the key reducer, the screen, and the interactive app.
export { keyNameOf, keysOf, ReplayApp, type ReplayAppProps } from "./app.js";
export { renderScreen } from "./render-screen.js";
export { type KeyName, reduceKey, reduceTick } from "./state/keys.js";
export { initialView, SPEEDS, type ViewState } from "./state/view-state.js";
export { layoutOf, minimumRows, paneRowsOf, Screen } from "./view/screen.js";
export type { Theme } from "./view/theme.js";
