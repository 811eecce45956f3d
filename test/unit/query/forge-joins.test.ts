/** Stage-3 join instructions, checked against the probed example of datastores-and-adapters.md §5. */
import { describe, expect, it } from 'vitest';
import { normalizeCriteria } from '../../../src/query/stage2/normalize-criteria.js';
import { forgeJoins } from '../../../src/query/stage3/forge-joins.js';
import { build } from '../schema/build.js';

const ontology = build({
  user: {
    attributes: {
      id: { type: 'number', autoIncrement: true, columnName: 'user_id' },
      name: { type: 'string', columnName: 'full_name' },
      best: { model: 'pet', columnName: 'best_pet' },
      pets: { collection: 'pet', via: 'owner' },
      tags: { collection: 'tag', via: 'users' },
      adopted: { collection: 'pet', via: 'adopter', through: 'adoption' },
      buddy: { model: 'pet', via: 'keeper' },
    },
  },
  pet: {
    attributes: {
      name: 'string',
      owner: { model: 'user' },
      keeper: { model: 'user', unique: true },
      adopters: { collection: 'user', via: 'pet', through: 'adoption' },
    },
  },
  tag: { attributes: { label: 'string', users: { collection: 'user', via: 'tags' } } },
  // `pet` names the through attribute pointing at pets; the target also has a `pet`-free `owner`.
  adoption: { attributes: { adopter: { model: 'user' }, pet: { model: 'pet' }, note: 'string' } },
});
const user = ontology['user']!;
const criteria = (model: string, raw: unknown) => normalizeCriteria(raw, ontology[model]!, ontology, 'find');
const PET_COLUMNS = ['id', 'createdAt', 'updatedAt', 'name', 'owner', 'keeper'];

describe('forgeJoins', () => {
  it('matches the probed example: one-to-many, singular and the two-instruction junction form', () => {
    const joins = forgeJoins(user, ontology, {
      pets: criteria('pet', { where: { name: 'r' }, sort: 'name DESC', limit: 3 }),
      best: true,
      tags: criteria('tag', { omit: ['label'] }),
    });
    expect(joins).toEqual([
      {
        parentCollectionIdentity: 'user', parent: 'user', parentAlias: 'user__pets', parentKey: 'user_id',
        childCollectionIdentity: 'pet', child: 'pet', childAlias: 'pet__pets', childKey: 'owner',
        alias: 'pets', removeParentKey: false, model: false, collection: true,
        criteria: { where: { name: 'r' }, limit: 3, skip: 0, sort: [{ name: 'DESC' }], select: PET_COLUMNS, omit: [] },
      },
      {
        parentCollectionIdentity: 'user', parent: 'user', parentAlias: 'user__best', parentKey: 'best_pet',
        childCollectionIdentity: 'pet', child: 'pet', childAlias: 'pet__best', childKey: 'id',
        alias: 'best', removeParentKey: true, model: true, collection: false,
        criteria: { select: PET_COLUMNS },
      },
      {
        parentCollectionIdentity: 'user', parent: 'user', parentAlias: 'user__tags', parentKey: 'user_id',
        childCollectionIdentity: 'tag_users__user_tags', child: 'tag_users__user_tags', childAlias: 'tag_users__user_tags__tags', childKey: 'user_tags',
        alias: 'tags', removeParentKey: false, model: false, collection: true, select: false, criteria: {},
      },
      {
        parentCollectionIdentity: 'tag_users__user_tags', parent: 'tag_users__user_tags', parentAlias: 'tag_users__user_tags__tags', parentKey: 'tag_users',
        childCollectionIdentity: 'tag', child: 'tag', childAlias: 'tag__tags', childKey: 'id',
        alias: 'tags', removeParentKey: false, model: false, collection: true, junctionTable: true,
        criteria: { where: {}, limit: Number.MAX_SAFE_INTEGER, skip: 0, sort: [], select: ['id', 'createdAt', 'updatedAt'], omit: [] },
      },
    ]);
  });

  it('links a through association by its junction, not by `via`', () => {
    const [toJunction, toChild] = forgeJoins(user, ontology, { adopted: criteria('pet', {}) });
    expect(toJunction).toMatchObject({ child: 'adoption', parentKey: 'user_id', childKey: 'adopter', select: false });
    expect(toChild).toMatchObject({ parent: 'adoption', parentKey: 'pet', child: 'pet', childKey: 'id', junctionTable: true });
    const [back] = forgeJoins(ontology['pet']!, ontology, { adopters: criteria('user', {}) });
    expect(back).toMatchObject({ child: 'adoption', parentKey: 'id', childKey: 'pet' });
  });

  it('joins a has-one like a one-to-many, on the unique fk', () => {
    expect(forgeJoins(user, ontology, { buddy: true })).toEqual([
      expect.objectContaining({ alias: 'buddy', child: 'pet', parentKey: 'user_id', childKey: 'keeper', model: false, collection: true }),
    ]);
  });

  it('reads only keys for children a nested level reads again', () => {
    const joins = forgeJoins(user, ontology, { pets: criteria('pet', { sort: 'name' }), best: true, tags: criteria('tag', {}) }, new Set(['pets', 'best', 'tags']));
    expect(joins.map((j) => j.criteria.select)).toEqual([['id', 'owner'], ['id'], undefined, ['id']]);
    expect(joins[0]!.criteria.sort).toEqual([{ name: 'ASC' }]);
  });

  it('skips populates that can never match', () => {
    expect(forgeJoins(user, ontology, { pets: false, tags: false })).toEqual([]);
  });
});
