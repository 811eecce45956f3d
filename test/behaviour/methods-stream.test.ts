/** stream: iteratees, batches, populates, keyset paging under concurrent writes, and flat memory. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveModel } from '../../dist/index.js';
import { SQLITE, testDatastores } from '../support/datastores.js';
import { lift, type Lifted } from '../support/lift.js';

type Rec = Record<string, unknown>;

for (const datastore of testDatastores()) {
  describe(`stream on ${datastore.name}`, () => {
    let orm: Lifted;
    let Item: LiveModel;
    let Tag: LiveModel;
    beforeEach(async () => {
      orm = await lift(datastore, {
        item: { attributes: { n: { type: 'number' }, rank: { type: 'number' }, label: { type: 'string', allowNull: true }, tags: { collection: 'tag', via: 'item' } } },
        tag: { attributes: { name: { type: 'string' }, item: { model: 'item' } } },
      });
      Item = orm.models.item!;
      Tag = orm.models.tag!;
      await Item.createEach(Array.from({ length: 95 }, (_, i) => ({ n: i, rank: i % 7, label: `L${i}` })));
    });
    afterEach(() => orm.teardown());

    it('feeds every matching record once, in batches of 30 by default', async () => {
      const seen: number[] = [];
      const batches: number[] = [];
      await Item.stream({ n: { '>=': 5 } }).eachRecord((r: Rec) => void seen.push(r.n as number));
      await Item.stream().eachBatch((batch: Rec[]) => void batches.push(batch.length));
      expect(seen).toEqual(Array.from({ length: 90 }, (_, i) => i + 5));
      expect(batches).toEqual([30, 30, 30, 5]);
    });

    it('honours eachBatch(size), meta.batchSize, limit, skip, select and a user sort', async () => {
      const sizes: number[] = [];
      await Item.stream().eachBatch(40, (b: Rec[]) => void sizes.push(b.length));
      expect(sizes).toEqual([40, 40, 15]);
      const metaSizes: number[] = [];
      await Item.stream().meta({ batchSize: 50 }).eachBatch((b: Rec[]) => void metaSizes.push(b.length));
      expect(metaSizes).toEqual([50, 45]);
      const picked: Rec[] = [];
      await Item.stream({ where: { n: { '<': 50 } }, sort: [{ rank: 'DESC' }, { n: 'ASC' }], skip: 3, limit: 12, select: ['n'] })
        .meta({ batchSize: 5 })
        .eachRecord((r: Rec) => void picked.push(r));
      const expected = Array.from({ length: 50 }, (_, n) => ({ n, rank: n % 7 }))
        .sort((a, b) => b.rank - a.rank || a.n - b.n)
        .slice(3, 15)
        .map((r) => r.n);
      expect(picked.map((r) => r.n)).toEqual(expected);
      // `rank` was only fetched to page by; the caller asked for `n` alone.
      expect(Object.keys(picked[0]!).sort()).toEqual(['id', 'n']);
    });

    it('pages a nullable sort correctly too (skip/limit in one transaction)', async () => {
      await Item.update({ n: { '<': 10 } }, { label: null });
      const seen: number[] = [];
      await Item.stream({ sort: 'label DESC' }).eachBatch(7, (b: Rec[]) => void seen.push(...b.map((r) => r.n as number)));
      expect(seen).toHaveLength(95);
      expect(new Set(seen).size).toBe(95);
    });

    it('populates each batch', async () => {
      const first = (await Item.findOne({ n: 0 }))!;
      await Tag.createEach([{ name: 'x', item: first.id }, { name: 'y', item: first.id }]);
      const tagged: Rec[] = [];
      await Item.stream({ n: { '<': 3 } }).populate('tags', { sort: 'name' }).eachRecord((r: Rec) => void tagged.push(r));
      expect(tagged.map((r) => (r.tags as Rec[]).map((t) => t.name))).toEqual([['x', 'y'], [], []]);
    });

    it('awaits async iteratees and node-style callbacks, in series; the first error aborts', async () => {
      const order: string[] = [];
      await Item.stream({ n: { '<': 3 } }).eachRecord(async (r: Rec) => {
        await new Promise((resolve) => setTimeout(resolve, 3 - (r.n as number)));
        order.push(`a${String(r.n)}`);
      });
      await Item.stream({ n: { '<': 3 } }).eachRecord((r: Rec, next: (err?: Error) => void) => {
        setTimeout(() => {
          order.push(`c${String(r.n)}`);
          next();
        }, 3 - (r.n as number));
      });
      expect(order).toEqual(['a0', 'a1', 'a2', 'c0', 'c1', 'c2']);
      let calls = 0;
      await expect(
        Item.stream().eachRecord((_r: Rec, next: (err?: Error) => void) => {
          calls += 1;
          next(calls === 2 ? new Error('stop here') : undefined);
        }),
      ).rejects.toThrow('stop here');
      expect(calls).toBe(2);
      await expect(Item.stream().eachBatch(async () => Promise.reject(new Error('async boom')))).rejects.toThrow('async boom');
      // Calling a callback the iteratee never declared is a mistake.
      await expect(Item.stream().eachRecord(function (this: unknown) {
        // eslint-disable-next-line prefer-rest-params
        (arguments[1] as () => void)();
      })).rejects.toThrow(/does not declare it/);
      const viaCb = await new Promise<unknown[]>((resolve) => Item.stream({ n: 1 }, () => undefined, (...args: unknown[]) => resolve(args)));
      expect(viaCb[0]).toBeNull();
    });

    it('refuses missing, doubled or non-function iteratees with E_INVALID_STREAM_ITERATEE', async () => {
      await expect(Item.stream()).rejects.toMatchObject({ code: 'E_INVALID_STREAM_ITERATEE' });
      await expect(Item.stream().eachRecord(() => undefined).eachBatch(() => undefined)).rejects.toMatchObject({ code: 'E_INVALID_STREAM_ITERATEE' });
      await expect(Item.stream().eachRecord('nope')).rejects.toMatchObject({ code: 'E_INVALID_STREAM_ITERATEE' });
      expect(() => Item.stream().eachBatch(2, () => undefined, 'extra')).toThrow(/at most two/);
      await expect(Item.find().meta({ batchSize: 3 })).rejects.toMatchObject({ code: 'E_INVALID_META' });
      await expect(Item.stream({ n: { in: [] } }).eachRecord(() => undefined)).resolves.toBeUndefined();
    });

    it('never repeats or misses a row while rows are inserted and deleted between batches', async () => {
      const original = new Set((await Item.find()).map((r) => r.id));
      const seen: unknown[] = [];
      let round = 0;
      await Item.stream().eachBatch(10, async (batch: Rec[]) => {
        seen.push(...batch.map((r) => r.id));
        round += 1;
        // What an offset pager trips over: rows before the cursor vanish, new rows appear.
        await Item.destroy({ id: batch.map((r) => r.id) as number[] });
        await Item.createEach([{ n: 1000 + round, rank: 0 }, { n: 2000 + round, rank: 6 }]);
      });
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of original) expect(seen).toContain(id);
    });

    it('keyset-pages a user sort with duplicates without repeats or misses under concurrent writes', async () => {
      const original = new Set((await Item.find()).map((r) => r.id));
      const seen: unknown[] = [];
      let last = -Infinity;
      await Item.stream({ sort: 'rank ASC' }).eachBatch(8, async (batch: Rec[]) => {
        for (const r of batch) {
          expect(r.rank as number).toBeGreaterThanOrEqual(last);
          last = r.rank as number;
        }
        seen.push(...batch.map((r) => r.id));
        await Item.destroy({ id: batch.map((r) => r.id) as number[] });
        await Item.create({ n: -1, rank: 0 });
      });
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of original) expect(seen).toContain(id);
    });
  });
}

describe('stream memory on sqlite', () => {
  it('streams 100,000 rows with bounded heap growth', async () => {
    const orm = await lift(SQLITE, { row: { attributes: { body: { type: 'string' }, n: { type: 'number' } } } });
    try {
      const Row = orm.models.row!;
      // ~1 KB per row: holding them all would take well over 100 MB of heap.
      const body = 'x'.repeat(1000);
      for (let start = 0; start < 100_000; start += 10_000) {
        await Row.createEach(Array.from({ length: 10_000 }, (_, i) => ({ body, n: start + i })));
      }
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const before = process.memoryUsage().heapUsed;
      let peak = before;
      let count = 0;
      let sum = 0;
      await Row.stream().meta({ batchSize: 500 }).eachBatch((batch: Rec[]) => {
        count += batch.length;
        for (const r of batch) sum += r.n as number;
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      });
      expect(count).toBe(100_000);
      expect(sum).toBe((99_999 * 100_000) / 2);
      expect(peak - before).toBeLessThan(60 * 1024 * 1024);
    } finally {
      await orm.teardown();
    }
  }, 120_000);
});
