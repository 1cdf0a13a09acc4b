// Repro commands are pasted into a shell: an argument with anything but safe characters is single-quoted.

const SAFE = /^[A-Za-z0-9_./:=@%+,-]+$/;

export function shellQuote(arg: string): string {
  return SAFE.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The words as one command line. */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(" ");
}
