/**
 * Association checks that need every model: targets exist, `via` points back, and the
 * junction models that many-to-many and via-less plurals need are generated.
 */
import type { DefinitionProblem } from '../errors/definition-error.js';
import { buildJunctionModel } from './build-junction-model.js';
import { checkHasOne } from './has-one.js';
import type { DraftModel, Drafts } from './draft-model.js';
import { junctionColumn, junctionNames, syntheticVia, type JunctionSide } from './junction-naming.js';
import type { Attribute, JunctionLink, PluralAssociation, ScalarAttribute, SingularAssociation } from './ontology.js';
import { hasOwn, isDictionary } from './plain-data.js';
import { complainer, type Complain } from './problems.js';
import { resolveThrough } from './resolve-through.js';

export interface ResolveContext {
  readonly drafts: Drafts;
  readonly pks: ReadonlyMap<string, ScalarAttribute>;
  readonly idDefaults: unknown;
  readonly problems: DefinitionProblem[];
}

/** Resolves every draft's associations in place; returns the generated junction models. */
export function resolveAssociations(context: ResolveContext): DraftModel[] {
  const junctions = new Map<string, DraftModel>();
  for (const owner of context.drafts.values()) {
    const complain = complainer(context.problems, owner.header.identity);
    const resolved: Record<string, Attribute> = {};
    for (const attr of Object.values(owner.attributes)) {
      if (attr.kind === 'model') resolved[attr.name] = resolveSingular(attr, context, complain);
      else if (attr.kind === 'collection') resolved[attr.name] = resolvePlural(owner, attr, context, junctions, complain);
      else resolved[attr.name] = attr;
    }
    owner.attributes = resolved;
  }
  return [...junctions.values()];
}

function resolveSingular(attr: SingularAssociation, { drafts, pks }: ResolveContext, complain: Complain): SingularAssociation {
  if (!drafts.has(attr.model)) {
    complain(`\`model: '${attr.model}'\` names no model; known models: ${[...drafts.keys()].join(', ')}.`, attr.name);
    return attr;
  }
  const pk = pks.get(attr.model);
  if (!pk) return attr;
  return {
    ...attr,
    type: pk.type === 'string' ? 'string' : 'number',
    // The fk column must hold the target's key, so it takes the key's column type.
    autoMigrations: { ...attr.autoMigrations, columnType: pk.autoMigrations.columnType },
  };
}

function resolvePlural(
  owner: DraftModel,
  attr: PluralAssociation,
  context: ResolveContext,
  junctions: Map<string, DraftModel>,
  complain: Complain,
): PluralAssociation {
  const say = (message: string): void => complain(message, attr.name);
  const identity = owner.header.identity;
  const target = context.drafts.get(attr.collection);
  if (!target) {
    say(`\`collection: '${attr.collection}'\` names no model; known models: ${[...context.drafts.keys()].join(', ')}.`);
    return attr;
  }
  const withLink = (junction: JunctionLink | undefined): PluralAssociation => (junction ? { ...attr, junction } : attr);
  if (attr.hasOne) {
    checkHasOne(owner, attr, target, say);
    return attr;
  }

  if (attr.through !== undefined) return withLink(resolveThrough(owner, attr, context.drafts, say));

  if (attr.via === undefined) {
    if (attr.dominant !== undefined) say('`dominant` only applies to a many-to-many association (a `collection` with `via` pointing at another `collection`).');
    const far: JunctionSide = { identity: attr.collection, attribute: syntheticVia(attr.name, attr.collection) };
    return withLink(linkJunction({ identity, attribute: attr.name }, far, { identity, attribute: attr.name }, context, junctions));
  }

  if (target === owner && attr.via === attr.name) {
    say('`via` names this attribute itself; a reflexive association needs two attributes (or none: drop `via`).');
    return attr;
  }
  const back = target.attributes[attr.via];
  if (!back) {
    // An attribute that exists but failed to build has been reported already.
    const declared = isDictionary(target.definition['attributes']) && hasOwn(target.definition['attributes'], attr.via);
    if (!declared) say(`\`via: '${attr.via}'\` names no attribute of \`${attr.collection}\`.`);
    return attr;
  }
  if (back.kind === 'model') {
    if (back.model !== identity) say(`\`via: '${attr.via}'\` must point back here, but \`${attr.collection}.${attr.via}\` is \`{model: '${back.model}'}\`.`);
    if (attr.dominant !== undefined) say('`dominant` cannot be used on a one-to-many association; remove it.');
    return attr;
  }
  if (back.kind !== 'collection' || back.hasOne) {
    const found = back.kind === 'collection' ? `, but \`${attr.collection}.${attr.via}\` is a has-one` : '';
    say(`\`via: '${attr.via}'\` must name a \`model\` or \`collection\` attribute of \`${attr.collection}\` that points back here${found}.`);
    return attr;
  }
  if (back.collection !== identity || back.via !== attr.name || back.through !== undefined) {
    say(`many-to-many needs reciprocity: \`${attr.collection}.${attr.via}\` must be \`{collection: '${identity}', via: '${attr.name}'}\`.`);
    return attr;
  }
  const near: JunctionSide = { identity, attribute: attr.name };
  const far: JunctionSide = { identity: attr.collection, attribute: attr.via };
  // The side carrying a `dominant` key (even `false`) decides; otherwise the side met first.
  const leading = attr.dominant === undefined && back.dominant !== undefined ? far : near;
  return withLink(linkJunction(near, far, leading, context, junctions));
}

/** Finds or builds the junction for the pair; returns the link as seen from `near`. */
function linkJunction(
  near: JunctionSide,
  far: JunctionSide,
  leading: JunctionSide,
  context: ResolveContext,
  junctions: Map<string, DraftModel>,
): JunctionLink {
  const names = junctionNames(near, far);
  if (!junctions.has(names.identity)) {
    if (context.drafts.has(names.identity)) {
      complainer(context.problems, names.identity)(
        `this identity is needed for the junction of \`${near.identity}.${near.attribute}\`; rename the model.`,
      );
    }
    junctions.set(names.identity, buildJunctionModel({ ...context, names, leading }));
  }
  return { model: names.identity, parentAttribute: junctionColumn(near), childAttribute: junctionColumn(far) };
}
