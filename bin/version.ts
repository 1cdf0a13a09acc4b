// zabsim's version, as run.json records it and `zabsim --version` prints it.
export const VERSION = "0.1.0";
