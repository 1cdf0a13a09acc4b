// The kernel self-check scenario and its stream protocol.
export {
  buildSelfcheck,
  runSelfcheck,
  SELFCHECK_NAME,
  type SelfcheckOptions,
  type SelfcheckResult,
  type SelfcheckViolation,
} from "./selfcheck.js";
export {
  type StreamMessage,
  type StreamOptions,
  type StreamState,
  streamProtocol,
} from "./stream-protocol.js";
