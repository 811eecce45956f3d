/**
 * Compiled SQL cached by query shape. A shape key is built while walking the query (cheap
 * string concatenation); SQL text is only generated on a miss.
 */

const DEFAULT_CAPACITY = 2000;

export class ShapeCache<T> {
  readonly #entries = new Map<string, T>();
  readonly #capacity: number;

  constructor(capacity = DEFAULT_CAPACITY) {
    this.#capacity = capacity;
  }

  get(key: string, build: () => T): T {
    const hit = this.#entries.get(key);
    if (hit !== undefined) return hit;
    const value = build();
    // Oldest-first eviction: shapes are few in real apps, so this rarely runs.
    if (this.#entries.size >= this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
    return value;
  }

  /** Replaces an entry built from what turned out to be stale inputs. */
  set(key: string, value: T): void {
    this.#entries.set(key, value);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** A name inside a shape key; length-prefixed so no name can forge another key. */
export function keyName(name: string): string {
  return `${name.length}:${name}`;
}

export function keyNames(names: readonly string[]): string {
  let key = `${names.length}[`;
  for (const name of names) key += `${name.length}:${name}`;
  return key;
}

/** Numbers placeholders in the order SQL text is generated. */
export class Placeholders {
  #n = 0;
  readonly #make: (n: number) => string;

  constructor(make: (n: number) => string) {
    this.#make = make;
  }

  next(): string {
    this.#n += 1;
    return this.#make(this.#n);
  }
}
