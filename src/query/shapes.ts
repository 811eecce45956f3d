/**
 * The plain-data query shapes that flow between stages. Stage 2 speaks attribute names and
 * model identities; stage 3 (what adapters receive) speaks column and table names.
 * Both follow Waterline's documented shapes so third-party adapters understand them.
 */

/** A value stored in or compared against a column. */
export type Primitive = string | number | boolean | null;

export type Modifier = '<' | '<=' | '>' | '>=' | '!=' | 'in' | 'nin' | 'like';

/**
 * A normalised where clause: `{}`, `{target: value}`, `{target: {modifier: value}}`,
 * `{and: [...]}` or `{or: [...]}` — each branch has exactly one key.
 */
export type WhereClause = { readonly [key: string]: unknown };

export type SortDirection = 'ASC' | 'DESC';
/** One sort directive: exactly one key. */
export type SortDirective = { readonly [target: string]: SortDirection };

/** Fully normalised criteria (stage 2). */
export interface Criteria {
  where: WhereClause;
  limit: number;
  skip: number;
  sort: SortDirective[];
  select: string[];
  omit: string[];
}

/** A populate after normalisation: `true` for singular, criteria or `false` (never matches) for plural. */
export type NormalizedPopulate = true | false | Criteria;

/**
 * The populates of one level of a query: Waterline's stage-2 `populates` for that level's
 * model, plus the next levels of nested paths (`.populate('pet.toys')` → `nested.pet`).
 */
export interface PopulateLevel {
  /** Association name → normalised populate. */
  readonly populates: Record<string, NormalizedPopulate>;
  /** Association name (a key of `populates`) → the populates of its children. */
  readonly nested: Record<string, PopulateLevel>;
}

/** Meta keys Mooring reads; unknown keys pass through to adapters. */
export interface QueryMeta {
  fetch?: boolean;
  cascade?: boolean;
  skipAllLifecycleCallbacks?: boolean;
  skipRecordVerification?: boolean;
  skipExpandingDefaultSelectClause?: boolean;
  decrypt?: boolean;
  encryptWith?: string;
  skipEncryption?: boolean;
  mutateArgs?: boolean;
  batchSize?: number;
  enableExperimentalDeepTargets?: boolean;
  leasedConnection?: unknown;
  makeLikeModifierCaseInsensitive?: boolean;
  [key: string]: unknown;
}

export type MethodName =
  | 'find'
  | 'findOne'
  | 'stream'
  | 'count'
  | 'sum'
  | 'avg'
  | 'create'
  | 'createEach'
  | 'findOrCreate'
  | 'update'
  | 'updateOne'
  | 'destroy'
  | 'destroyOne'
  | 'archive'
  | 'archiveOne'
  | 'addToCollection'
  | 'removeFromCollection'
  | 'replaceCollection';

/** A record keyed by attribute (stage 2) or column (stage 3) names. */
export type RecordData = Record<string, unknown>;

/** Stage 2: validated and normalised, in attribute names. */
export interface Stage2Query {
  method: MethodName;
  /** Model identity. */
  using: string;
  criteria?: Criteria;
  populates?: Record<string, NormalizedPopulate>;
  newRecord?: RecordData;
  newRecords?: RecordData[];
  valuesToSet?: RecordData;
  numericAttrName?: string;
  meta?: QueryMeta;
}

/** Criteria as adapters see them: column names, `select` expanded, no `omit`. */
export interface Stage3Criteria {
  where: WhereClause;
  limit?: number;
  skip?: number;
  sort?: SortDirective[];
  select?: string[];
}

/** One populate instruction for an adapter's `join` (Waterline adapter API v1). */
export interface JoinInstruction {
  parentCollectionIdentity: string;
  parent: string;
  parentAlias: string;
  parentKey: string;
  childCollectionIdentity: string;
  child: string;
  childAlias: string;
  childKey: string;
  alias: string;
  removeParentKey: boolean;
  model: boolean;
  collection: boolean;
  select?: false;
  junctionTable?: boolean;
  criteria: Partial<Stage3Criteria> & { omit?: string[] };
}

/** Stage 3: what an adapter method receives. `using` is the table name. */
export interface Stage3Query {
  method: 'find' | 'create' | 'createEach' | 'update' | 'destroy' | 'count' | 'sum' | 'avg';
  using: string;
  criteria?: Stage3Criteria;
  newRecord?: RecordData;
  newRecords?: RecordData[];
  valuesToSet?: RecordData;
  numericAttrName?: string;
  joins?: JoinInstruction[];
  meta?: QueryMeta;
}

export const MAX_LIMIT = Number.MAX_SAFE_INTEGER;
