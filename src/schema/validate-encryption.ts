/**
 * At-rest encryption settings. Key checks look at every model together: once any model
 * encrypts, every declared key must be a usable AES-256 key.
 */
import { Buffer } from 'node:buffer';
import type { DefinitionProblem } from '../errors/definition-error.js';
import type { DraftModel } from './draft-model.js';
import { isDictionary } from './plain-data.js';
import { complainer } from './problems.js';

const KEY_ID_PATTERN = /^[a-z$][a-z0-9]*$/i;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;
const CODE = 'E_INVALID_DATA_ENCRYPTION_KEYS';

export function validateEncryption(drafts: Iterable<DraftModel>, problems: DefinitionProblem[]): void {
  const models = [...drafts];
  const encrypts = (draft: DraftModel): boolean =>
    Object.values(draft.attributes).some((attr) => attr.kind === 'scalar' && attr.encrypt);
  const anyEncrypts = models.some(encrypts);

  for (const draft of models) {
    const complain = complainer(problems, draft.header.identity);
    const keys = draft.definition['dataEncryptionKeys'];
    if (keys !== undefined && !isDictionary(keys)) {
      complain(`\`dataEncryptionKeys\` must be a dictionary of key id → base64 key (${CODE}).`);
      continue;
    }
    for (const [id, key] of Object.entries(keys ?? {})) {
      if (!KEY_ID_PATTERN.test(id)) complain(`data encryption key id \`${id}\` must be letters and digits, starting with a letter or \`$\` (${CODE}).`);
      if (typeof key !== 'string' || key === '') complain(`data encryption key \`${id}\` must be a non-empty string (${CODE}).`);
      else if (anyEncrypts && !isAes256Key(key)) complain(`data encryption key \`${id}\` must be 32 random bytes in base64, e.g. from \`crypto.randomBytes(32).toString('base64')\` (${CODE}).`);
    }
    if (encrypts(draft) && (keys === undefined || keys['default'] === undefined)) {
      complain(`an attribute has \`encrypt: true\`, so the model needs \`dataEncryptionKeys: {default: '<base64 32-byte key>'}\` (${CODE}).`);
    }
  }
}

function isAes256Key(key: string): boolean {
  return BASE64_PATTERN.test(key) && key.length % 4 === 0 && Buffer.from(key, 'base64').length === 32;
}
