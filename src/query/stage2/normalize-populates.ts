/**
 * Stage 2 populates (associations.md §4): `true` for a singular association, normalised
 * subcriteria for a plural one (`false` when it can never match), checked against the parent
 * criteria, whose `select` loses populated attributes.
 */
import type { ModelOntology, Ontology, PluralAssociation } from '../../schema/ontology.js';
import { isUsageError } from '../../errors/usage-error.js';
import { describeValue } from '../../records/coerce.js';
import type { Criteria, MethodName, NormalizedPopulate, QueryMeta } from '../shapes.js';
import { normalizeCriteria } from './normalize-criteria.js';
import { isDefaultSelect } from './normalize-projection.js';
import { isDictionary, ownValue } from './plain.js';
import { invalidPopulate } from './problems.js';

const POPULATING: ReadonlySet<MethodName> = new Set(['find', 'findOne', 'stream']);

export interface NormalizedPopulates {
  readonly populates: Record<string, NormalizedPopulate>;
  /** The parent criteria, with populated attributes removed from an explicit `select`. */
  readonly criteria: Criteria;
}

/**
 * Validates and normalises `populates` (attribute name → `true`, `false`, `undefined` or a
 * subcriteria) for a query on `model`. Throws `UsageError` `E_INVALID_POPULATES`. Neither
 * argument is modified.
 */
export function normalizePopulates(
  populates: Readonly<Record<string, unknown>>,
  parentCriteria: Criteria,
  model: ModelOntology,
  ontology: Ontology,
  method: MethodName,
  meta?: QueryMeta,
): NormalizedPopulates {
  const normalized: Record<string, NormalizedPopulate> = {};
  let select = parentCriteria.select;
  for (const [name, subcriteria] of Object.entries(populates)) {
    // `false` / `undefined` mean "don't populate", as if the key were absent.
    if (subcriteria === false || subcriteria === undefined) continue;
    checkPopulatable(name, parentCriteria, model, method);
    if (!isDefaultSelect(select) && select.includes(name)) select = select.filter((item) => item !== name);
    normalized[name] = normalizeOne(name, subcriteria, model, ontology, meta);
  }
  return { populates: normalized, criteria: { ...parentCriteria, select } };
}

function checkPopulatable(name: string, parent: Criteria, model: ModelOntology, method: MethodName): void {
  if (!POPULATING.has(method)) {
    throw invalidPopulate(model, `cannot populate \`${name}\` with this method (\`${method}\`); only \`find\`, \`findOne\` and \`stream\` populate.`);
  }
  if (name.includes('.')) {
    throw invalidPopulate(model, `cannot populate \`${name}\`: nested populate paths are not supported yet; populate \`${name.split('.')[0] ?? ''}\` and query the next level separately.`);
  }
  if (parent.omit.includes(name)) {
    throw invalidPopulate(model, `cannot populate \`${name}\` because the criteria also omits it.`);
  }
  if (parent.sort.some((directive) => Object.hasOwn(directive, name))) {
    throw invalidPopulate(model, `cannot populate \`${name}\` because the criteria also sorts by it.`);
  }
}

function normalizeOne(name: string, subcriteria: unknown, model: ModelOntology, ontology: Ontology, meta: QueryMeta | undefined): NormalizedPopulate {
  const attr = ownValue(model.attributes, name);
  if (attr === undefined) throw invalidPopulate(model, `cannot populate \`${name}\`: there is no attribute by that name.`);
  if (attr.kind === 'scalar') {
    throw invalidPopulate(model, `cannot populate \`${name}\`: it is a ${attr.type} attribute, not an association (\`model\` or \`collection\`).`);
  }
  if (attr.kind === 'model') {
    // There is at most one associated record, so a subcriteria would have nothing to act on.
    if (subcriteria === true || (isDictionary(subcriteria) && Object.keys(subcriteria).length === 0)) return true;
    throw invalidPopulate(model, `cannot populate \`${name}\` with ${describeValue(subcriteria)}: it is a singular association (to \`${attr.model}\`), which accepts no subcriteria; pass \`true\` or \`{}\`.`);
  }
  return normalizePlural(attr, subcriteria === true ? {} : subcriteria, model, ontology, meta);
}

function normalizePlural(attr: PluralAssociation, subcriteria: unknown, model: ModelOntology, ontology: Ontology, meta: QueryMeta | undefined): NormalizedPopulate {
  const target = ownValue(ontology, attr.collection);
  if (target === undefined) {
    throw new Error(`Consistency violation: \`${model.identity}.${attr.name}\` is a collection of \`${attr.collection}\`, which is not in the ontology.`);
  }
  try {
    return normalizeCriteria(subcriteria, target, ontology, 'find', meta);
  } catch (error) {
    // A subcriteria that can match nothing just yields `[]` for every parent record.
    if (isUsageError(error, 'E_NOOP')) return false;
    if (isUsageError(error, 'E_INVALID_CRITERIA')) {
      throw invalidPopulate(model, `cannot use the subcriteria given for \`${attr.name}\` (a collection of \`${attr.collection}\`): ${error.details}`);
    }
    throw error;
  }
}
