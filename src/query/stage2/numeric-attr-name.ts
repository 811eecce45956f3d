/** The attribute `sum` / `avg` aggregate: a declared, unencrypted `type: 'number'` attribute. */
import { UsageError } from '../../errors/usage-error.js';
import { describeValue } from '../../records/coerce.js';
import type { ModelOntology } from '../../schema/ontology.js';

function invalid(model: ModelOntology, text: string): UsageError {
  return new UsageError('E_INVALID_NUMERIC_ATTR_NAME', `Model \`${model.identity}\`: ${text}`, model.identity);
}

export function normalizeNumericAttrName(raw: unknown, model: ModelOntology): string {
  if (raw === undefined) throw invalid(model, 'please name the numeric attribute to aggregate, e.g. `sum(\'balance\')`.');
  if (typeof raw !== 'string') throw invalid(model, `the attribute name must be a string, but got ${describeValue(raw)}.`);
  const attr = Object.hasOwn(model.attributes, raw) ? model.attributes[raw] : undefined;
  if (!attr) throw invalid(model, `there is no attribute named \`${raw}\`.`);
  if (attr.kind === 'model') {
    throw invalid(model, `\`${raw}\` is a singular association; adding up primary keys of \`${attr.model}\` records is almost certainly a mistake.`);
  }
  if (attr.kind !== 'scalar' || attr.type !== 'number') {
    throw invalid(model, `\`${raw}\` is not guaranteed to be a number; only \`type: 'number'\` attributes can be aggregated.`);
  }
  // Stored values are ciphertext, so the database cannot add them up.
  if (attr.encrypt) throw invalid(model, `\`${raw}\` is encrypted at rest, so the database cannot aggregate it.`);
  return raw;
}
