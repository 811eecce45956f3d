/** The keys an attribute definition may have (after Sails shorthands), and what they are for. */

export const ATTRIBUTE_PROPERTIES: readonly string[] = [
  'type', 'required', 'defaultsTo', 'allowNull', 'autoCreatedAt', 'autoUpdatedAt', 'columnName',
  'autoMigrations', 'validations', 'model', 'collection', 'via', 'through', 'dominant', 'encrypt',
  'meta', ...advisory(),
];

/** Advisory properties: kept (in `extras`) and shown on the live model, never interpreted. */
export function advisory(): readonly string[] {
  return ['description', 'extendedDescription', 'moreInfoUrl', 'example', 'protect'];
}

/** Properties from older versions, with what to do instead. */
export const REJECTED_PROPERTIES: Readonly<Record<string, string>> = {
  protected: 'is no longer supported; use `customToJSON` on the model to hide values (or the advisory `protect`).',
  primaryKey: "belongs at the model level: write `primaryKey: '<attribute name>'` next to `attributes`.",
};

/** Extras = advisory properties plus `meta`, copied as given. */
export function extrasOf(attr: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const extras: Record<string, unknown> = {};
  for (const key of [...advisory(), 'meta']) {
    if (attr[key] !== undefined) extras[key] = attr[key];
  }
  return extras;
}
