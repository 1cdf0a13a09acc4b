// What a command says of itself: its usage, its arguments, its flags and examples. The flag table is the one
// handed to node:util's parseArgs (which ignores the help fields), so the help cannot list a flag the command
// does not parse, nor miss one it does.

/** An on/off flag; off unless given. */
export interface BooleanFlag {
  readonly type: "boolean";
  readonly default: false;
  readonly short?: string;
  readonly help: string;
}

/** A flag with a value (`--seeds A..B`); `multiple` ones may be repeated. */
export interface StringFlag {
  readonly type: "string";
  readonly multiple?: true;
  readonly short?: string;
  /** The value's placeholder in the help: `N`, `A..B`, `FILE`. */
  readonly value: string;
  readonly help: string;
  /** What applies when the flag is not given, in words (`1..20`, `none`). */
  readonly byDefault: string;
}

export type FlagSpec = BooleanFlag | StringFlag;

export interface FlagSpecs {
  readonly [flag: string]: FlagSpec;
}

export interface ArgumentSpec {
  /** As the usage line names it: `SCENARIO`, `RUN_DIR`, `FILE...`. */
  readonly name: string;
  readonly help: string;
}

export interface ExampleSpec {
  readonly command: string;
  /** What it does, in a few words. */
  readonly does: string;
}

export interface CommandSpec {
  readonly name: string;
  /** The synopsis: `zabsim run [SCENARIO | --all] [--seed N | --seeds A..B] ...`. */
  readonly usage: string;
  /** One sentence for `zabsim help`. */
  readonly summary: string;
  readonly arguments: readonly ArgumentSpec[];
  readonly flags: FlagSpecs;
  readonly examples: readonly ExampleSpec[];
  /** Paragraphs after the examples (what the exit code means, where output goes). */
  readonly notes?: readonly string[];
}
