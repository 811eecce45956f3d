/**
 * `collection` + `via` + `through`: the user's through model holds the pairs. `via` names the
 * through model's attribute pointing back at the declaring model; the target must declare the
 * matching plural (same `through`) whose `via` names the through attribute pointing at it.
 */
import type { Say } from './common-attribute-checks.js';
import type { DraftModel, Drafts } from './draft-model.js';
import type { JunctionLink, PluralAssociation } from './ontology.js';

export function resolveThrough(owner: DraftModel, attr: PluralAssociation, drafts: Drafts, say: Say): JunctionLink | undefined {
  const through = attr.through;
  const via = attr.via;
  if (through === undefined || via === undefined) return undefined;
  const throughModel = drafts.get(through);
  if (!throughModel) {
    say(`\`through: '${through}'\` names no model; define the through model or remove \`through\`.`);
    return undefined;
  }
  const identity = owner.header.identity;
  const back = throughModel.attributes[via];
  if (back?.kind !== 'model' || back.model !== identity) {
    say(`the through model \`${through}\` needs a \`model: '${identity}'\` attribute named \`${via}\` (named by \`via\`).`);
    return undefined;
  }

  const target = drafts.get(attr.collection);
  if (!target) return undefined;
  const other = Object.values(target.attributes).find(
    (candidate): candidate is PluralAssociation =>
      candidate.kind === 'collection' &&
      candidate.collection === identity &&
      candidate.through === through &&
      !(target === owner && candidate.name === attr.name),
  );
  if (!other?.via) {
    say(`\`${attr.collection}\` needs a matching \`{collection: '${identity}', via: …, through: '${through}'}\` attribute pointing back.`);
    return undefined;
  }
  const forward = throughModel.attributes[other.via];
  if (forward?.kind !== 'model' || forward.model !== attr.collection) {
    say(`the through model \`${through}\` needs a \`model: '${attr.collection}'\` attribute named \`${other.via}\` (the \`via\` of \`${attr.collection}.${other.name}\`).`);
    return undefined;
  }

  throughModel.header = {
    ...throughModel.header,
    hasSchema: true,
    throughTable: { ...throughModel.header.throughTable, [`${identity}.${attr.name}`]: other.via },
  };
  return { model: through, parentAttribute: via, childAttribute: other.via };
}
