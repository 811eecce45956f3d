/**
 * The datastores one adapter instance serves, by name: registration refuses duplicates,
 * lookups name the adapter when a datastore is unknown, teardown closes one or all.
 */
export interface Closable {
  close(): void | Promise<void>;
}

export class DatastoreRegistry<D extends Closable> {
  readonly #datastores = new Map<string, D>();
  readonly #adapterName: string;

  constructor(adapterName: string) {
    this.#adapterName = adapterName;
  }

  /** Throws when `name` is already registered; call before opening connections. */
  claim(name: string): void {
    if (this.#datastores.has(name)) throw new Error(`${this.#adapterName} adapter: datastore \`${name}\` is already registered.`);
  }

  add(name: string, datastore: D): void {
    this.claim(name);
    this.#datastores.set(name, datastore);
  }

  get(name: string): D {
    const found = this.#datastores.get(name);
    if (!found) throw new Error(`${this.#adapterName} adapter: no datastore named \`${name}\` is registered.`);
    return found;
  }

  /** Closes one datastore, or all of them for `null`; unknown names are ignored. */
  async teardown(name: string | null): Promise<void> {
    const names = name === null ? [...this.#datastores.keys()] : [name];
    await Promise.all(
      names.map(async (n) => {
        const d = this.#datastores.get(n);
        this.#datastores.delete(n);
        await d?.close();
      }),
    );
  }
}
