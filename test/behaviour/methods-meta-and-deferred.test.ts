/** The meta keys Waterline honours, end to end to the adapter, and `.intercept()` / `.tolerate()` / `.paginate()`. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveModel } from '../../dist/index.js';
import { BUILTIN_ADAPTERS } from '../support/builtin-adapters.js';
import { testDatastores } from '../support/datastores.js';
import { lift, type Lifted } from '../support/lift.js';

type Seen = { method: string; query: { criteria?: { select?: string[] }; meta?: Record<string, unknown> } };

for (const datastore of testDatastores()) {
  describe(`meta keys and deferred handlers on ${datastore.name}`, () => {
    let orm: Lifted;
    let Tag: LiveModel;
    let seen: Seen[];
    beforeEach(async () => {
      seen = [];
      const inner = BUILTIN_ADAPTERS[String(datastore.config.adapter)]!() as unknown as Record<string, unknown>;
      // Records what each data call received, then does it.
      const adapter = new Proxy(inner, {
        get(target, prop) {
          if (prop === 'mooringAdapter') return true;
          const value = Reflect.get(target, prop) as unknown;
          if (typeof value !== 'function') return value;
          if (typeof prop !== 'string' || !['find', 'join', 'count', 'create', 'update', 'destroy'].includes(prop)) return value.bind(target);
          return (name: string, query: Seen['query']) => {
            seen.push({ method: prop, query });
            return (value as (n: string, q: unknown) => unknown).call(target, name, query);
          };
        },
      });
      orm = await lift({ ...datastore, config: { ...datastore.config, adapter: 'recording' } }, {
        tag: { attributes: { slug: { type: 'string', unique: true }, label: { type: 'string' }, n: { type: 'number' } } },
      }, { adapters: { recording: adapter } });
      Tag = orm.models.tag!;
      await Tag.createEach([{ slug: 'a', label: 'Apple', n: 1 }, { slug: 'b', label: 'banana', n: 2 }, { slug: 'c', label: 'Cherry', n: 3 }]);
      seen = [];
    });
    afterEach(() => orm.teardown());

    it('passes skipExpandingDefaultSelectClause, makeLikeModifierCaseInsensitive and unknown keys through to the adapter', async () => {
      await Tag.find().meta({ skipExpandingDefaultSelectClause: true, schemaName: 'public', somethingCustom: 42 });
      const [find] = seen;
      expect(find!.query.criteria!.select).toBeUndefined();
      expect(find!.query.meta).toMatchObject({ skipExpandingDefaultSelectClause: true, schemaName: 'public', somethingCustom: 42 });
      seen = [];
      await Tag.find();
      expect(seen[0]!.query.criteria!.select).toEqual(expect.arrayContaining(['id', 'slug', 'label', 'n']));
      seen = [];
      const found = await Tag.find({ label: { like: 'b%' } }).meta({ makeLikeModifierCaseInsensitive: true });
      expect(seen[0]!.query.meta).toMatchObject({ makeLikeModifierCaseInsensitive: true });
      expect(found.map((t) => t.slug)).toEqual(['b']);
      seen = [];
      await Tag.update({ slug: 'a' }, { n: 5 }).meta({ somethingCustom: 'u' });
      await Tag.count().meta({ somethingCustom: 'c' });
      await Tag.stream().meta({ batchSize: 2, somethingCustom: 's' }).eachRecord(() => undefined);
      expect(seen.map((s) => s.query.meta?.somethingCustom)).toEqual(['u', 'c', 's', 's']);
      // batchSize is the stream's own; its batch queries don't carry it.
      expect(seen.some((s) => s.query.meta?.batchSize !== undefined)).toBe(false);
    });

    it('accepts skipRecordVerification, checks batchSize and the boolean keys', async () => {
      expect(await Tag.find().meta({ skipRecordVerification: true })).toHaveLength(3);
      await expect(Tag.count().meta({ batchSize: 5 })).rejects.toMatchObject({ code: 'E_INVALID_META' });
      await expect(Tag.stream().meta({ batchSize: 0 }).eachRecord(() => undefined)).rejects.toMatchObject({ code: 'E_INVALID_META' });
      await expect(Tag.find().meta({ decrypt: 'yes' } as never)).rejects.toMatchObject({ code: 'E_INVALID_META' });
      await expect(Tag.create({ slug: 'z' }).meta({ encryptWith: '' })).rejects.toMatchObject({ code: 'E_INVALID_META' });
    });

    it('.paginate(page, size) is zero-based and defaults to 30 per page', async () => {
      expect((await Tag.find().sort('n').paginate(1, 2)).map((t) => t.slug)).toEqual(['c']);
      expect((await Tag.find().sort('n').paginate(0)).map((t) => t.slug)).toEqual(['a', 'b', 'c']);
    });

    it('.fetch() on the …One methods and findOrCreate only warns', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        expect(await Tag.updateOne({ slug: 'a' }, { n: 9 }).fetch()).toMatchObject({ slug: 'a', n: 9 });
        expect(await Tag.findOrCreate({ slug: 'a' }, { slug: 'a' }).fetch()).toMatchObject({ slug: 'a' });
        expect(warn).toHaveBeenCalledWith(expect.stringMatching(/unnecessary/));
      } finally {
        warn.mockRestore();
      }
    });

    it('.intercept(): rules by code, by (deep) properties, arrays; async and string handlers; failures are UsageErrors', async () => {
      const dup = () => Tag.create({ slug: 'a' });
      await expect(dup().intercept('E_UNIQUE', () => new Error('taken'))).rejects.toThrow('taken');
      await expect(dup().intercept({ code: 'E_UNIQUE', attrNames: ['slug'] }, async () => new Error('deep'))).rejects.toThrow('deep');
      await expect(dup().intercept({ attrNames: ['other'] }, () => new Error('no')).intercept(['E_X', 'E_UNIQUE'], () => new Error('array'))).rejects.toThrow('array');
      await expect(dup().intercept('E_UNIQUE', 'slugTaken')).rejects.toMatchObject({ name: 'Envelope', code: 'E_NON_ERROR', raw: 'slugTaken' });
      const thrown = new Error('handler bug');
      await expect(dup().intercept('E_UNIQUE', () => { throw thrown; })).rejects.toMatchObject({ name: 'UsageError', code: 'E_INTERCEPT_HANDLER_FAILED', raw: thrown });
      await expect(dup().intercept('E_UNIQUE', () => undefined)).rejects.toMatchObject({ name: 'UsageError', code: 'E_INTERCEPT_HANDLER_FAILED' });
      await expect(dup().intercept((err: Error) => err)).rejects.toMatchObject({ code: 'E_UNIQUE' });
    });

    it('.tolerate(): swallows matching errors only; misuse is refused when chained', async () => {
      expect(await Tag.create({ slug: 'a' }).tolerate('E_UNIQUE')).toBeUndefined();
      expect(await Tag.create({ slug: 'a' }).tolerate({ name: 'AdapterError' }, async () => 'fallback')).toBe('fallback');
      await expect(Tag.create({ slug: 'a' }).tolerate('E_OTHER')).rejects.toMatchObject({ code: 'E_UNIQUE' });
      const q = Tag.create({ slug: 'q' }) as unknown as { tolerate: (...a: unknown[]) => unknown; intercept: (...a: unknown[]) => unknown };
      expect(() => q.tolerate()).toThrow(expect.objectContaining({ name: 'UsageError', code: 'E_USAGE' }));
      expect(() => q.intercept('E_UNIQUE')).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
      expect(() => q.intercept('', () => new Error('x'))).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
      expect(() => q.tolerate('E_UNIQUE', 'not a function')).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
    });
  });
}
