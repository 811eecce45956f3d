/** Mooring's has-one: `{model, via}` on the owner's side, a unique `model` attribute on the other. */
import { describe, expect, it } from 'vitest';
import { tableDefinitionOf } from '../../../src/schema/table-definition.js';
import { attributesView, schemaView } from '../../../src/schema/waterline-views.js';
import { build, expectProblem, problemsOf, type Defs } from './build.js';

const HAS_ONE: Defs = {
  pet: { attributes: { name: 'string', owner: { model: 'user', unique: true } } },
  user: { attributes: { name: 'string', pet: { model: 'Pet', via: 'owner', description: 'the one pet' } } },
};

describe('has-one in the ontology', () => {
  it('is a virtual plural flagged hasOne: no column, reuses the one-to-many link', () => {
    const ontology = build(HAS_ONE);
    const user = ontology['user']!;
    expect(user.attributes['pet']).toEqual({
      kind: 'collection',
      name: 'pet',
      collection: 'pet',
      via: 'owner',
      hasOne: true,
      extras: { description: 'the one pet' },
    });
    expect(Object.keys(tableDefinitionOf(user))).not.toContain('pet');
    expect(Object.values(user.attributeByColumn)).not.toContain('pet');
  });

  it('shows as declared in `attributes` and as a virtual association in `schema`', () => {
    const ontology = build(HAS_ONE);
    const user = ontology['user']!;
    expect(attributesView(user)['pet']).toEqual({ model: 'pet', via: 'owner', required: false, description: 'the one pet' });
    const schema = schemaView(user, ontology)['pet']!;
    expect(schema).toMatchObject({ collection: 'pet', via: 'owner', hasOne: true, references: 'pet', referenceIdentity: 'pet', on: 'owner', onKey: 'owner' });
    expect(schema).not.toHaveProperty('columnName');
    expect(schema).not.toHaveProperty('model');
  });

  it('works reflexively', () => {
    const ontology = build({
      user: { attributes: { spouse: { model: 'user', via: 'spouseOf' }, spouseOf: { model: 'user', unique: true } } },
    });
    expect(ontology['user']!.attributes['spouse']).toMatchObject({ kind: 'collection', collection: 'user', via: 'spouseOf', hasOne: true });
  });
});

describe('has-one definition errors', () => {
  it('asks for unique on the foreign key, naming model and attribute', () => {
    const defs: Defs = { ...HAS_ONE, pet: { attributes: { owner: { model: 'user' } } } };
    expectProblem(defs, 'user', 'pet', /add `unique: true` to `pet.owner`/);
  });

  it('needs `via` to name a model attribute pointing back', () => {
    expectProblem({ ...HAS_ONE, pet: { attributes: {} } }, 'user', 'pet', /`via: 'owner'` names no attribute of `pet`; for a has-one, `pet.owner` must be `\{model: 'user', unique: true\}`/);
    expectProblem({ ...HAS_ONE, pet: { attributes: { owner: 'string' } } }, 'user', 'pet', /must name a `model` attribute of `pet` pointing back here/);
    const elsewhere: Defs = { ...HAS_ONE, vet: {}, pet: { attributes: { owner: { model: 'vet', unique: true } } } };
    expectProblem(elsewhere, 'user', 'pet', /must name a `model` attribute of `pet` pointing back here/);
    expectProblem({ user: { attributes: { me: { model: 'user', via: 'me' } } } }, 'user', 'me', /must name a `model` attribute of `user`/);
  });

  it('refuses column properties, required, through and dominant', () => {
    const withPet = (pet: Record<string, unknown>): Defs => ({ ...HAS_ONE, user: { attributes: { pet } } });
    expectProblem(withPet({ model: 'pet', via: 'owner', columnName: 'pet_id' }), 'user', 'pet', /has no column on this model \(its foreign key is `pet.owner`\); remove `columnName`/);
    expectProblem(withPet({ model: 'pet', via: 'owner', unique: true }), 'user', 'pet', /remove `unique`/);
    expectProblem(withPet({ model: 'pet', via: 'owner', required: true }), 'user', 'pet', /cannot be `required`/);
    expectProblem(withPet({ model: 'pet', via: 'owner', through: 'x' }), 'user', 'pet', /`through` only belongs on `collection`/);
    expectProblem(withPet({ model: 'pet', via: 3 }), 'user', 'pet', /`via` must name the `model` attribute/);
  });

  it('cannot be the far side of a many-to-many', () => {
    const defs: Defs = { ...HAS_ONE, pet: { attributes: { owner: { model: 'user', unique: true }, owners: { collection: 'user', via: 'pet' } } } };
    expect(problemsOf(defs).map((p) => `${p.model}.${p.attribute}: ${p.message}`)).toEqual([
      expect.stringMatching(/^pet\.owners: .*`user\.pet` is a has-one/),
    ]);
  });
});
