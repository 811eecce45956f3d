/**
 * `Waterline.Collection.extend(def)` / `Waterline.Model.extend(def)`: returns a constructor
 * that carries the definition until `orm.registerModel()` picks it up.
 */
export type ModelDefinition = Record<string, unknown>;

export interface ModelConstructor {
  new (): object;
  readonly prototype: ModelDefinition;
  /** Marks constructors made by `extend`, so `registerModel` can tell them from plain objects. */
  readonly isMooringModelConstructor: true;
}

export function extend(definition: ModelDefinition, ...rest: unknown[]): ModelConstructor {
  if (rest.length > 0) {
    throw new Error('`.extend()` takes exactly one argument: the model definition.');
  }
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw new TypeError('`.extend()` expects a model definition dictionary, e.g. `{ identity: "user", attributes: {…} }`.');
  }
  if (Object.prototype.hasOwnProperty.call(definition, 'constructor')) {
    throw new Error('A model definition cannot have its own `constructor` property.');
  }
  const ModelCtor = function ModelDefinitionHolder(this: object) {
    return this;
  } as unknown as ModelConstructor;
  Object.assign(ModelCtor.prototype, definition);
  Object.defineProperty(ModelCtor, 'isMooringModelConstructor', { value: true });
  return ModelCtor;
}

/** The definition behind a registered constructor (or a plain definition object). */
export function definitionOf(model: unknown): ModelDefinition {
  if (typeof model === 'function') {
    const proto = (model as { prototype?: unknown }).prototype;
    if (proto && typeof proto === 'object') return { ...(proto as ModelDefinition) };
  }
  if (typeof model === 'object' && model !== null && !Array.isArray(model)) return { ...(model as ModelDefinition) };
  throw new TypeError('`registerModel()` expects a model made with `Waterline.Model.extend({…})` (or a definition object).');
}
