// Plain data that survives a round trip through JSON: what may be written to the simulated disk.

export type Json =
  | null
  | boolean
  | number
  | string
  | readonly Json[]
  | { readonly [key: string]: Json };
