import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../src/errors/definition-error.js';
import { buildOntology } from '../../../src/schema/build-ontology.js';
import { loadModelsFolder } from '../../../src/schema/load-models-folder.js';
import { mergeDefaults, MOORING_DEFAULT_MODEL_SETTINGS } from '../../../src/schema/merge-defaults.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'mooring-models-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const PET_CJS = `module.exports = {
  attributes: { name: { type: 'string' }, color: { type: 'string' }, owner: { model: 'user', unique: true } },
};
`;
const USER_MJS = `export default {
  attributes: { name: { type: 'string' }, age: { type: 'number' }, pet: { collection: 'pet', via: 'owner' } },
  greet() { return 'hi'; },
};
`;

describe('loadModelsFolder', () => {
  it('loads CommonJS and ESM model files: identity from the file name, globalId the file name', async () => {
    await writeFile(join(folder, 'Pet.js'), PET_CJS);
    await writeFile(join(folder, 'User.mjs'), USER_MJS);
    await writeFile(join(folder, 'README.md'), '# not a model');
    await writeFile(join(folder, '.hidden.js'), 'throw new Error("never loaded")');

    const loaded = await loadModelsFolder(folder);
    expect(loaded.map((m) => [m.identity, m.def['globalId'], m.source])).toEqual([
      ['pet', 'Pet', join(folder, 'Pet.js')],
      ['user', 'User', join(folder, 'User.mjs')],
    ]);
    expect(loaded[0]?.def['attributes']).toMatchObject({ owner: { model: 'user', unique: true } });

    const ontology = buildOntology(
      loaded.map((m) => ({ ...m, def: mergeDefaults(m.def, MOORING_DEFAULT_MODEL_SETTINGS) })),
      { datastoreNames: ['default'] },
    );
    expect(ontology['pet']?.attributes['owner']).toMatchObject({ autoMigrations: { unique: true } });
    expect(ontology['user']).toMatchObject({ globalId: 'User' });
    expect(typeof ontology['user']?.definition['greet']).toBe('function');
  });

  it('loads .cjs files and keeps a globalId the file declares', async () => {
    await writeFile(join(folder, 'purchase.cjs'), "module.exports = { globalId: 'Purchase', attributes: {} };");
    expect((await loadModelsFolder(folder)).map((m) => [m.identity, m.def['globalId']])).toEqual([['purchase', 'Purchase']]);
  });

  it('reports files that export no definition, and two files for one identity', async () => {
    await writeFile(join(folder, 'Empty.js'), 'module.exports = 42;');
    await writeFile(join(folder, 'Pet.cjs'), 'module.exports = {};');
    await writeFile(join(folder, 'pet.mjs'), 'export default {};');
    const error = await loadModelsFolder(folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).problems).toEqual([
      { model: 'empty', message: expect.stringMatching(/must export a model definition/) },
      { model: 'pet', message: 'both `Pet.cjs` and `pet.mjs` define it; keep one.' },
    ]);
  });
});
