/**
 * `.archive()` moves records into an archive model. Like Waterline, Mooring injects a model
 * named `archive` when some model archives there and none is defined, and checks that every
 * archive model (injected or the user's) has the attributes `.archive()` writes.
 */
import { buildDraftModel, type DraftContext } from './build-draft-model.js';
import type { Drafts } from './draft-model.js';
import type { ScalarAttribute } from './ontology.js';
import { isDictionary, type Dictionary } from './plain-data.js';
import { complainer } from './problems.js';

const ARCHIVE_ATTRIBUTES = ['id', 'createdAt', 'fromModel', 'originalRecord', 'originalRecordId'] as const;

export function addArchiveModels(drafts: Drafts, pks: Map<string, ScalarAttribute>, context: DraftContext): void {
  const archivers = [...drafts.values()].filter((draft) => draft.header.settings.archiveModelIdentity !== false);
  const first = archivers.find((draft) => draft.header.settings.archiveModelIdentity === 'archive');
  if (first && !drafts.has('archive')) {
    const built = buildDraftModel({ identity: 'archive', tableName: 'archive' }, archiveDefinition(first.definition, first.header), context);
    drafts.set('archive', built.draft);
    if (built.pk) pks.set('archive', built.pk);
  }

  const checked = new Set<string>();
  for (const draft of archivers) {
    const target = draft.header.settings.archiveModelIdentity;
    if (target === false || checked.has(target)) continue;
    checked.add(target);
    const archive = drafts.get(target);
    if (!archive) {
      complainer(context.problems, draft.header.identity)(`\`archiveModelIdentity: '${target}'\` names no model; define it, or set \`archiveModelIdentity: false\`.`);
      continue;
    }
    const complain = complainer(context.problems, target);
    const missing = ARCHIVE_ATTRIBUTES.filter((name) => archive.attributes[name] === undefined);
    if (missing.length > 0) complain(`is used as an archive model but lacks the attribute(s) ${missing.join(', ')}.`);
    if (archive.header.primaryKey !== 'id') complain('is used as an archive model, so its primary key must be `id`.');
  }
}

/**
 * Waterline's archive model: the first archiving model's pk definition becomes `id`. It also
 * follows that model's `migrate`, so an app running `safe` never has its archive table touched.
 */
function archiveDefinition(definition: Readonly<Dictionary>, header: { primaryKey: string; datastore: string; settings: { migrate?: string } }): Dictionary {
  const attributes = isDictionary(definition['attributes']) ? definition['attributes'] : {};
  const pk = attributes[header.primaryKey];
  return {
    identity: 'archive',
    globalId: 'Archive',
    datastore: header.datastore,
    primaryKey: 'id',
    archiveModelIdentity: false,
    ...(header.settings.migrate ? { migrate: header.settings.migrate } : {}),
    attributes: {
      id: isDictionary(pk) ? { ...pk } : { type: 'number', autoIncrement: true },
      createdAt: { type: 'number', autoCreatedAt: true },
      fromModel: { type: 'string', required: true },
      originalRecord: { type: 'json', required: true },
      originalRecordId: { type: 'json' },
    },
  };
}
