/** Runs one adapter call for a model and turns any failure into Waterline's AdapterError. */
import { AdapterError } from '../errors/index.js';
import type { ModelOntology } from '../schema/ontology.js';

export async function callAdapter<T>(model: ModelOntology, adapterMethodName: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (raw) {
    if (raw instanceof AdapterError) throw raw;
    throw new AdapterError({
      raw,
      modelIdentity: model.identity,
      adapterMethodName,
      attrNameOf: (column) => model.attributeByColumn[column],
    });
  }
}
