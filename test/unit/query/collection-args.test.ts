/** Stage 2 of the collection methods: ids, attribute name, associated ids. */
import { describe, expect, it } from 'vitest';
import { normalizeCollectionArgs, type CollectionInput } from '../../../src/query/stage2/normalize-collection-args.js';
import { build } from '../schema/build.js';

const ontology = build({
  user: {
    attributes: {
      name: { type: 'string' },
      likes: { collection: 'tag', via: 'fans' },
      pet: { model: 'pet', via: 'owner' },
    },
  },
  tag: { primaryKey: 'slug', attributes: { slug: { type: 'string', required: true }, fans: { collection: 'user', via: 'likes' } } },
  pet: { attributes: { owner: { model: 'user', unique: true } } },
});
const user = ontology.user!;

function run(input: Partial<CollectionInput>) {
  return normalizeCollectionArgs(user, ontology, { method: 'addToCollection', targetRecordIds: 1, collectionAttrName: 'likes', associatedIds: [], ...input });
}
function codeOf(input: Partial<CollectionInput>): unknown {
  try {
    run(input);
    return 'ok';
  } catch (err) {
    return (err as { code?: unknown }).code;
  }
}

describe('normalizeCollectionArgs', () => {
  it('coerces and de-duplicates ids on both sides, typed by each primary key', () => {
    const args = run({ targetRecordIds: ['2', 2, 3], associatedIds: ['a', 'b', 'a'] });
    expect(args.targets).toEqual([2, 3]);
    expect(args.associatedIds).toEqual(['a', 'b']);
    expect(args.attr.name).toBe('likes');
    expect(run({ targetRecordIds: [], associatedIds: 'a' })).toMatchObject({ targets: [], associatedIds: ['a'] });
  });

  it('names the argument that is wrong', () => {
    expect(codeOf({ targetRecordIds: undefined })).toBe('E_INVALID_TARGET_RECORD_IDS');
    expect(codeOf({ targetRecordIds: [1, 'x'] })).toBe('E_INVALID_TARGET_RECORD_IDS');
    expect(codeOf({ targetRecordIds: 0 })).toBe('E_INVALID_TARGET_RECORD_IDS');
    expect(codeOf({ collectionAttrName: 7 })).toBe('E_INVALID_COLLECTION_ATTR_NAME');
    expect(codeOf({ collectionAttrName: 'name' })).toBe('E_INVALID_COLLECTION_ATTR_NAME');
    expect(codeOf({ collectionAttrName: 'pet' })).toBe('E_INVALID_COLLECTION_ATTR_NAME');
    expect(codeOf({ associatedIds: undefined })).toBe('E_INVALID_ASSOCIATED_IDS');
    expect(codeOf({ associatedIds: [''] })).toBe('E_INVALID_ASSOCIATED_IDS');
    expect(codeOf({ associatedIds: () => 1 })).toBe('E_INVALID_ASSOCIATED_IDS');
  });
});
