/**
 * Checks and normalizes one value written to one attribute (create, update, Model.validate):
 * type coercion, null/'' handling, primary-key and association ids, then validation rules.
 */
import type { AttributeProblem } from '../errors/attribute-error.js';
import {
  primaryKeyOf,
  type ModelOntology,
  type Ontology,
  type PluralAssociation,
  type ScalarAttribute,
  type SingularAssociation,
} from '../schema/ontology.js';
import { coerceLoose, coercePrimaryKey, describeValue } from './coerce.js';
import { runRules } from './rules.js';
import { schemalessKeyProblem } from './schemaless-key.js';
import { isTimestamp } from './timestamps.js';

export type ValueContext = 'create' | 'update' | 'validate';

export type ValueResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: AttributeProblem };

const accept = (value: unknown): ValueResult => ({ ok: true, value });

const prefix = (attribute: string): string => `Could not use specified \`${attribute}\`: `;

const typeProblem = (attribute: string, expectedType: string, reason: string): ValueResult => ({
  ok: false,
  problem: { code: 'E_TYPE', attribute, expectedType, message: prefix(attribute) + reason },
});

const requiredProblem = (attribute: string, reason: string): ValueResult => ({
  ok: false,
  problem: { code: 'E_REQUIRED', attribute, message: prefix(attribute) + reason },
});

const irregular = (attribute: string, reason: string): ValueResult => ({
  ok: false,
  problem: { code: 'E_HIGHLY_IRREGULAR', attribute, message: prefix(attribute) + reason },
});

const isDictionary = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** Runs the attribute's rules on an accepted, non-null value. */
function withRules(attribute: string, validations: Readonly<Record<string, unknown>>, value: unknown): ValueResult {
  if (value === null) return accept(value);
  const ruleViolations = runRules(validations, value);
  if (ruleViolations.length === 0) return accept(value);
  const count = ruleViolations.length === 1 ? '1 validation rule' : `${ruleViolations.length} validation rules`;
  const listed = ruleViolations.map((v) => `\`${v.rule}\`: ${v.message}`).join('; ');
  return {
    ok: false,
    problem: { code: 'E_VIOLATES_RULES', attribute, ruleViolations, message: `${prefix(attribute)}Violated ${count}: ${listed}` },
  };
}

function nullForScalar(attr: ScalarAttribute): ValueResult {
  if (attr.type === 'json' || attr.type === 'ref') {
    return attr.required ? requiredProblem(attr.name, 'Cannot use `null` for a required attribute.') : accept(null);
  }
  if (attr.allowNull) return accept(null);
  return typeProblem(
    attr.name,
    attr.type,
    `Expected a ${attr.type}, but instead, got: null. (\`null\` is only accepted when the attribute declares \`allowNull: true\`.)`,
  );
}

function scalarValue(attr: ScalarAttribute, value: unknown): ValueResult {
  if (value === null) return nullForScalar(attr);
  if (value === '' && attr.required) return requiredProblem(attr.name, 'Cannot use an empty string for a required attribute.');
  if (value === '' && isTimestamp(attr)) return typeProblem(attr.name, attr.type, 'Cannot use an empty string as a timestamp.');
  const coerced = coerceLoose(attr.type, value);
  if (!coerced.ok) return typeProblem(attr.name, attr.type, coerced.reason);
  return withRules(attr.name, attr.validations, coerced.value);
}

function primaryKeyValue(attr: ScalarAttribute, value: unknown): ValueResult {
  if (attr.type !== 'string' && attr.type !== 'number') return scalarValue(attr, value);
  if (value === '' && attr.required) return requiredProblem(attr.name, 'Cannot use an empty string for a required attribute.');
  const coerced = coercePrimaryKey(attr.type, value);
  if (!coerced.ok) return irregular(attr.name, coerced.reason);
  return withRules(attr.name, attr.validations, coerced.value);
}

function singularValue(attr: SingularAssociation, value: unknown): ValueResult {
  if (value === null) {
    return attr.required ? requiredProblem(attr.name, 'Cannot use `null` for a required association.') : accept(null);
  }
  if (value === '' && attr.required) return requiredProblem(attr.name, 'Cannot use an empty string for a required association.');
  if (isDictionary(value)) {
    return irregular(
      attr.name,
      `Expected the primary key of a \`${attr.model}\` record (a ${attr.type}), but got a dictionary: ${describeValue(value)}. ` +
        'Nested creates are not supported; create that record first and use its primary key.',
    );
  }
  const coerced = coercePrimaryKey(attr.type, value);
  if (!coerced.ok) return irregular(attr.name, `Expected the primary key of a \`${attr.model}\` record. ${coerced.reason}`);
  return accept(coerced.value);
}

function pluralValue(attr: PluralAssociation, value: unknown, context: ValueContext, ontology: Ontology | undefined): ValueResult {
  if (context === 'validate') {
    return irregular(attr.name, 'Values for plural (collection) associations cannot be validated on their own.');
  }
  const target = ontology && Object.hasOwn(ontology, attr.collection) ? ontology[attr.collection] : undefined;
  if (!target) {
    throw new Error(
      `Consistency violation: cannot check \`${attr.name}\` without the ontology entry for model \`${attr.collection}\`.`,
    );
  }
  const pkType = primaryKeyOf(target).type === 'number' ? 'number' : 'string';
  if (attr.hasOne) return hasOneValue(attr, target.identity, pkType, value);
  const items: readonly unknown[] = Array.isArray(value) ? value : [value];
  const ids = new Set<unknown>();
  for (const [i, item] of items.entries()) {
    const coerced = coercePrimaryKey(pkType, item);
    if (!coerced.ok) {
      const where = Array.isArray(value) ? ` (item #${i})` : '';
      return irregular(
        attr.name,
        `Expected a primary key or an array of primary keys of \`${target.identity}\` records${where}. ${coerced.reason}`,
      );
    }
    ids.add(coerced.value);
  }
  return accept([...ids]);
}

/** A has-one holds one record: its pk (→ `[id]`) or `null` (→ `[]`), never a list. */
function hasOneValue(attr: PluralAssociation, targetIdentity: string, pkType: 'string' | 'number', value: unknown): ValueResult {
  if (value === null) return accept([]);
  if (Array.isArray(value) || isDictionary(value)) {
    return irregular(
      attr.name,
      `Expected the primary key of one \`${targetIdentity}\` record, or \`null\` (\`${attr.name}\` is a has-one association), but got ${describeValue(value)}.`,
    );
  }
  const coerced = coercePrimaryKey(pkType, value);
  if (!coerced.ok) return irregular(attr.name, `Expected the primary key of a \`${targetIdentity}\` record, or \`null\`. ${coerced.reason}`);
  return accept([coerced.value]);
}

/**
 * Validates `value` for attribute `attrName` of `model` as it would be written. On success the
 * value is the one to store (coerced; association ids normalized; plural values an array of
 * distinct ids). `ontology` is needed only for plural associations (the target's pk type).
 * Unknown keys: validated as `json` on schemaless models, refused on schemaful ones (callers
 * writing records drop them before calling this).
 */
export function validateAttributeValue(
  model: ModelOntology,
  attrName: string,
  value: unknown,
  context: ValueContext,
  ontology?: Ontology,
): ValueResult {
  if (value === undefined) return irregular(attrName, 'Cannot use `undefined` as a value; omit the key instead.');
  const attr = Object.hasOwn(model.attributes, attrName) ? model.attributes[attrName] : undefined;
  if (!attr) {
    if (model.hasSchema) return irregular(attrName, `\`${attrName}\` is not an attribute of model \`${model.identity}\`.`);
    const keyProblem = schemalessKeyProblem(attrName);
    if (keyProblem) return irregular(attrName, keyProblem);
    const coerced = coerceLoose('json', value);
    return coerced.ok ? accept(coerced.value) : typeProblem(attrName, 'json', coerced.reason);
  }
  switch (attr.kind) {
    case 'collection':
      return pluralValue(attr, value, context, ontology);
    case 'model':
      return singularValue(attr, value);
    case 'scalar':
      return attrName === model.primaryKey ? primaryKeyValue(attr, value) : scalarValue(attr, value);
  }
}
