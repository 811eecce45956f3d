import { describe, expect, it } from 'vitest';
import { after, keysetPossible, totalOrder, withKeysSelected } from '../../../src/methods/stream-keyset.js';
import { model, scalar } from '../records/fixtures.js';

const item = model('item', [scalar('id', 'number'), scalar('rank', 'number'), scalar('label', 'string'), scalar('on', 'boolean'), scalar('secret', 'string', { encrypt: true })]);

describe('stream keyset paging', () => {
  it('orders by the user sort, then the primary key; nothing after the pk', () => {
    expect(totalOrder(item, [])).toEqual([{ attr: 'id', direction: 'ASC' }]);
    expect(totalOrder(item, [{ rank: 'DESC' }])).toEqual([{ attr: 'rank', direction: 'DESC' }, { attr: 'id', direction: 'ASC' }]);
    expect(totalOrder(item, [{ id: 'DESC' }, { rank: 'ASC' }])).toEqual([{ attr: 'id', direction: 'DESC' }]);
  });

  it('builds "after the last row" in stage-2 form', () => {
    const keys = totalOrder(item, [{ rank: 'DESC' }]);
    expect(after({}, keys, { rank: 3, id: 9 })).toEqual({ or: [{ rank: { '<': 3 } }, { and: [{ rank: 3 }, { id: { '>': 9 } }] }] });
    expect(after({ label: 'x' }, totalOrder(item, []), { id: 4 })).toEqual({ and: [{ label: 'x' }, { id: { '>': 4 } }] });
  });

  it('keyset-pages only string and number keys that are not encrypted', () => {
    expect(keysetPossible(item, totalOrder(item, [{ label: 'ASC' }]))).toBe(true);
    expect(keysetPossible(item, totalOrder(item, [{ on: 'ASC' }]))).toBe(false);
    expect(keysetPossible(item, totalOrder(item, [{ secret: 'ASC' }]))).toBe(false);
  });

  it('selects sort keys the caller left out, and says which to hide again', () => {
    const criteria = { where: {}, limit: 10, skip: 0, sort: [], select: ['label'], omit: [] };
    expect(withKeysSelected(item, criteria, totalOrder(item, [{ rank: 'ASC' }]))).toEqual({ criteria: { ...criteria, select: ['label', 'rank'] }, hidden: ['rank'] });
    const star = { ...criteria, select: ['*'], omit: ['rank'] };
    expect(withKeysSelected(item, star, totalOrder(item, [{ rank: 'ASC' }])).criteria.omit).toEqual([]);
  });
});
