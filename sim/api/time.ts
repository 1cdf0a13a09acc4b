// Simulated time: an integer count of microseconds. Nothing in the simulation reads the wall clock.

declare const microsBrand: unique symbol;

/** A point in, or a span of, simulated time in integer microseconds. */
export type Micros = number & { readonly [microsBrand]: true };

export function micros(count: number): Micros {
  if (!Number.isSafeInteger(count)) {
    throw new RangeError(`simulated time must be a safe integer of microseconds, got ${count}`);
  }
  return count as Micros;
}

export function ms(count: number): Micros {
  return micros(Math.round(count * 1_000));
}

export function seconds(count: number): Micros {
  return micros(Math.round(count * 1_000_000));
}

/** Formats a time for people: `1.250s`, `35ms`, `12us`. */
export function formatMicros(value: number): string {
  if (Math.abs(value) >= 1_000_000) return `${(value / 1_000_000).toFixed(3)}s`;
  if (Math.abs(value) >= 1_000) return `${(value / 1_000).toFixed(value % 1_000 === 0 ? 0 : 3)}ms`;
  return `${value}us`;
}
