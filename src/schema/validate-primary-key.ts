/** The attribute named by `primaryKey` must be a plain string or number attribute. */
import type { Complain } from './problems.js';
import type { DraftModel } from './draft-model.js';
import type { ScalarAttribute } from './ontology.js';

/** Returns the primary key attribute when it is usable, reporting why when it is not. */
export function validatePrimaryKey(draft: DraftModel, complain: Complain, declared: boolean): ScalarAttribute | undefined {
  const name = draft.header.primaryKey;
  const pk = draft.attributes[name];
  if (pk === undefined) {
    // An attribute that failed to build has been reported already.
    if (!declared) {
      complain(`\`primaryKey: '${name}'\` names no attribute; declare it, e.g. \`${name}: {type: 'number', autoIncrement: true}\`, or set \`primaryKey\` to an existing attribute.`);
    }
    return undefined;
  }
  if (pk.kind !== 'scalar') {
    complain('the primary key cannot be an association.', name);
    return undefined;
  }
  let ok = true;
  const fail = (message: string): void => {
    complain(message, name);
    ok = false;
  };
  if (pk.type !== 'number' && pk.type !== 'string') fail(`the primary key must have type number or string, not \`${pk.type}\`.`);
  if (pk.hasDefault) fail('the primary key cannot have `defaultsTo`.');
  if (pk.autoCreatedAt || pk.autoUpdatedAt) fail('the primary key cannot be a timestamp.');
  if (pk.allowNull) fail('the primary key cannot have `allowNull`.');
  // Ciphertext differs on every write, so an encrypted key could never be looked up.
  if (pk.encrypt) fail('the primary key cannot be encrypted.');
  return ok ? pk : undefined;
}
