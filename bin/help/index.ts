// Per-command help: each command's spec (usage, arguments, flags as parseArgs takes them, examples) and its text.
export type {
  ArgumentSpec,
  BooleanFlag,
  CommandSpec,
  ExampleSpec,
  FlagSpec,
  FlagSpecs,
  StringFlag,
} from "./command-spec.js";
export { commandHelp, globalHelp } from "./format-help.js";
