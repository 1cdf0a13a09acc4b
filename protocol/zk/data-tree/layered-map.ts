// The znodes of a data tree as a persistent map: a base Map that is never written again plus a small delta of
// the writes made since. Every apply makes a new tree that shares the znodes of the one before (tree.ts);
// copying the whole Map for that made each write cost the size of the tree. Copying the delta costs its size,
// and the delta is folded into a fresh base once it outgrows the square root of the tree, so a write costs
// about that root. Lookups are two Map lookups. Iteration follows a Map's rules exactly (insertion order; a
// key set again keeps its place; deleted and set again goes last), so whatever is built from the order (a
// snapshot's node list) is the same as with a plain Map.

/** A delta entry: `value` undefined is a deletion of a base key; `moved` a base key deleted and set again. */
type Delta<V> = { readonly value: V | undefined; readonly moved: boolean };

/** The delta's size past which it is folded into the base: about the square root of the tree. */
function foldAt(size: number): number {
  return 16 + Math.floor(Math.sqrt(size));
}

export class LayeredMap<V extends object> implements ReadonlyMap<string, V> {
  readonly #base: ReadonlyMap<string, V>;
  readonly #delta: ReadonlyMap<string, Delta<V>>;
  readonly size: number;

  /** `base` is owned by the new map from here on: nobody may write it again. */
  private constructor(
    base: ReadonlyMap<string, V>,
    delta: ReadonlyMap<string, Delta<V>>,
    size: number,
  ) {
    this.#base = base;
    this.#delta = delta;
    this.size = size;
  }

  /** A map over `nodes`, which the caller hands over and never writes again. */
  static over<V extends object>(nodes: ReadonlyMap<string, V>): LayeredMap<V> {
    return nodes instanceof LayeredMap ? nodes : new LayeredMap(nodes, new Map(), nodes.size);
  }

  get(key: string): V | undefined {
    const delta = this.#delta.get(key);
    return delta === undefined ? this.#base.get(key) : delta.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** How many writes are held apart from the base (the fold keeps it near the square root of the size). */
  get deltaSize(): number {
    return this.#delta.size;
  }

  /** A draft of the next map: the delta is copied once, however many writes the draft takes. */
  edit(): MapDraft<V> {
    return new MapDraft(this.#base, new Map(this.#delta), this.size);
  }

  static fromDraft<V extends object>(
    base: ReadonlyMap<string, V>,
    delta: Map<string, Delta<V>>,
    size: number,
  ): LayeredMap<V> {
    const layered = new LayeredMap(base, delta, size);
    if (delta.size <= foldAt(size)) return layered;
    return new LayeredMap(new Map(layered), new Map(), size);
  }

  *entries(): MapIterator<[string, V]> {
    for (const [key, value] of this.#base) {
      const delta = this.#delta.get(key);
      if (delta === undefined) yield [key, value];
      else if (delta.value !== undefined && !delta.moved) yield [key, delta.value];
    }
    for (const [key, delta] of this.#delta) {
      if (delta.value !== undefined && (delta.moved || !this.#base.has(key)))
        yield [key, delta.value];
    }
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}

/** The writes of one apply; `done` makes the next LayeredMap. Used once. */
export class MapDraft<V extends object> {
  readonly #base: ReadonlyMap<string, V>;
  readonly #delta: Map<string, Delta<V>>;
  #size: number;

  constructor(base: ReadonlyMap<string, V>, delta: Map<string, Delta<V>>, size: number) {
    this.#base = base;
    this.#delta = delta;
    this.#size = size;
  }

  get(key: string): V | undefined {
    const delta = this.#delta.get(key);
    return delta === undefined ? this.#base.get(key) : delta.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): void {
    const delta = this.#delta.get(key);
    if (delta !== undefined && delta.value === undefined) {
      // Deleted, now set again: a Map puts it last.
      this.#delta.delete(key);
      this.#delta.set(key, { value, moved: this.#base.has(key) });
      this.#size++;
      return;
    }
    if (delta === undefined && !this.#base.has(key)) this.#size++;
    this.#delta.set(key, { value, moved: delta?.moved ?? false });
  }

  delete(key: string): void {
    const delta = this.#delta.get(key);
    if (delta !== undefined && delta.value === undefined) return;
    if (delta === undefined && !this.#base.has(key)) return;
    this.#size--;
    if (this.#base.has(key)) this.#delta.set(key, { value: undefined, moved: false });
    else this.#delta.delete(key);
  }

  done(): LayeredMap<V> {
    return LayeredMap.fromDraft(this.#base, this.#delta, this.#size);
  }
}
