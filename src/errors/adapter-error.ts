/** How an adapter classifies a failure (Waterline adapter API v1 "footprint"). */
export type Footprint =
  | { identity: 'notUnique'; keys: string[] }
  | { identity: 'noSuchPhysicalModel' }
  | { identity: 'catchall' };

/** An error an adapter reports; `footprint` tells Mooring how to surface it. */
export interface RawAdapterError extends Error {
  footprint?: Footprint | { identity: string };
}

const UNIQUE_MESSAGE = 'Would violate uniqueness constraint-- a record already exists with conflicting value(s).';

/**
 * Any failure reported by a datastore's adapter, in Waterline's shape: `code` is `E_UNIQUE`
 * or `E_NO_SUCH_PHYSICAL_MODEL` when the adapter classified it, `raw` keeps the original.
 */
export class AdapterError extends Error {
  override readonly name = 'AdapterError';
  readonly code?: 'E_UNIQUE' | 'E_NO_SUCH_PHYSICAL_MODEL';
  readonly attrNames?: string[];
  readonly modelIdentity: string;
  readonly adapterMethodName: string;
  readonly raw: unknown;

  constructor(args: {
    raw: unknown;
    modelIdentity: string;
    adapterMethodName: string;
    /** Maps a physical column name back to its attribute name (unknown → undefined). */
    attrNameOf?: (columnName: string) => string | undefined;
  }) {
    const raw = args.raw as RawAdapterError | undefined;
    const footprint = raw && typeof raw === 'object' ? raw.footprint : undefined;
    const rawMessage = raw instanceof Error ? raw.message : String(raw);
    let message: string;
    let code: AdapterError['code'];
    let attrNames: string[] | undefined;
    if (footprint && footprint.identity === 'notUnique') {
      code = 'E_UNIQUE';
      message = UNIQUE_MESSAGE;
      const rawKeys: unknown = (footprint as { keys?: unknown }).keys;
      const keys = Array.isArray(rawKeys) ? rawKeys.filter((k): k is string => typeof k === 'string') : [];
      attrNames = keys
        .map((k) => (args.attrNameOf ? args.attrNameOf(k) : k))
        .filter((k): k is string => typeof k === 'string');
    } else if (footprint && footprint.identity === 'noSuchPhysicalModel') {
      code = 'E_NO_SUCH_PHYSICAL_MODEL';
      message = `Unexpected error from database adapter: ${rawMessage}`;
    } else if (footprint && footprint.identity !== 'catchall') {
      message = `Malformed error from adapter: ${rawMessage}`;
    } else {
      message = `Unexpected error from database adapter: ${rawMessage}`;
    }
    super(message, { cause: raw });
    if (code) this.code = code;
    if (attrNames) this.attrNames = attrNames;
    this.modelIdentity = args.modelIdentity;
    this.adapterMethodName = args.adapterMethodName;
    this.raw = raw;
  }

  toJSON(): Record<string, unknown> {
    if (this.code === 'E_UNIQUE') {
      return { code: this.code, message: this.message, modelIdentity: this.modelIdentity, attrNames: this.attrNames };
    }
    if (this.code === 'E_NO_SUCH_PHYSICAL_MODEL') {
      return { code: this.code, message: this.message, modelIdentity: this.modelIdentity };
    }
    return { name: this.name, message: this.message, modelIdentity: this.modelIdentity };
  }
}

/** Builds an adapter-side error carrying a footprint (used by Mooring's own adapters). */
export function footprintError(message: string, footprint: Footprint, cause?: unknown): RawAdapterError {
  const err: RawAdapterError = new Error(message, cause === undefined ? undefined : { cause });
  err.footprint = footprint;
  return err;
}
