// Counts as people write them: "1 seed", "2 seeds", "1 violation".

/** `count(1, "seed")` is "1 seed", `count(3, "seed")` "3 seeds"; `plural` for nouns that do not take an s. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** As `count`, with the thousands grouped for reading: "9,599 events". */
export function countGrouped(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? noun : plural}`;
}
