/**
 * Loads a Sails app's model files (`api/models/Pet.js` → identity `pet`, globalId `Pet`).
 * CommonJS (`module.exports = {…}`) and ESM (`export default {…}`) both work: Node's `import()`
 * exposes `module.exports` as the default export.
 */
import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DefinitionError, type DefinitionProblem } from '../errors/definition-error.js';
import type { ModelDefinitionEntry } from './build-ontology.js';
import { isDictionary } from './plain-data.js';

const MODEL_EXTENSIONS = ['.js', '.cjs', '.mjs'];

/** Definitions in file-name order, ready for `mergeDefaults` and `buildOntology`. */
export async function loadModelsFolder(folder: string): Promise<ModelDefinitionEntry[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && MODEL_EXTENSIONS.includes(extname(entry.name)))
    .map((entry) => entry.name)
    .sort();

  const problems: DefinitionProblem[] = [];
  const seen = new Map<string, string>();
  const loaded: ModelDefinitionEntry[] = [];
  for (const file of files) {
    const globalId = file.slice(0, -extname(file).length);
    const identity = globalId.toLowerCase();
    const source = join(folder, file);
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      problems.push({ model: identity, message: `both \`${earlier}\` and \`${file}\` define it; keep one.` });
      continue;
    }
    seen.set(identity, file);

    const module = (await import(pathToFileURL(source).href)) as { default?: unknown };
    const def = module.default;
    if (!isDictionary(def)) {
      problems.push({ model: identity, message: `\`${source}\` must export a model definition (\`module.exports = {attributes: {…}}\` or \`export default {…}\`).` });
      continue;
    }
    loaded.push({ identity, def: { globalId, ...def }, source });
  }
  if (problems.length > 0) throw new DefinitionError(problems);
  return loaded;
}
