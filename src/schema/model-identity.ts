/** Where a model's identity and table name come from, and what makes them valid. */
import type { DefinitionProblem } from '../errors/definition-error.js';
import type { Dictionary } from './plain-data.js';

export interface ModelNames {
  /** Lower-cased identity. */
  readonly identity: string;
  /** Physical table name: `tableName`, else the identity as written (case kept). */
  readonly tableName: string;
}

/** Sails' rule for identities; they become property names on `orm.collections` and in URLs. */
const IDENTITY_PATTERN = /^[a-z_][a-z0-9_]*$/;

/**
 * The identity is the definition's `identity`, else the name it was registered under (Sails:
 * the file name), else its `tableName`. Returns undefined (with problems) when none is usable.
 */
export function resolveModelNames(
  given: string | undefined,
  def: Readonly<Dictionary>,
  label: string,
  problems: DefinitionProblem[],
): ModelNames | undefined {
  const own = def['identity'];
  const tableName = def['tableName'];
  const complain = (model: string, message: string): void => {
    problems.push({ model, message });
  };

  if (own !== undefined && (typeof own !== 'string' || own === '')) {
    complain(label, '`identity` must be a non-empty string.');
    return undefined;
  }
  if (tableName !== undefined && (typeof tableName !== 'string' || tableName === '')) {
    complain(label, '`tableName` must be a non-empty string.');
    return undefined;
  }
  if (own !== undefined && given !== undefined && own.toLowerCase() !== given.toLowerCase()) {
    complain(label, `\`identity: '${own}'\` does not match the name the model was loaded as (\`${given}\`); remove \`identity\` or rename the file.`);
    return undefined;
  }

  const written = own ?? given ?? tableName;
  if (written === undefined || written === '') {
    complain(label, 'the model has no `identity` (and no `tableName` to derive one from); add `identity: \'<name>\'`.');
    return undefined;
  }
  const identity = written.toLowerCase();
  if (!IDENTITY_PATTERN.test(identity)) {
    complain(identity, `identity \`${written}\` is invalid: use only letters, digits and \`_\`, not starting with a digit.`);
    return undefined;
  }
  return { identity, tableName: tableName ?? written };
}
