/** App-wide `defaults` (Sails' config/models.js) and the per-model settings Waterline reads. */
import { afterEach, describe, expect, it } from 'vitest';
import { testDatastores } from '../support/datastores.js';
import { lift, type Lifted } from '../support/lift.js';

for (const datastore of testDatastores()) {
  describe(`model settings on ${datastore.name}`, () => {
    let orm: Lifted | undefined;
    afterEach(async () => {
      await orm?.teardown();
      orm = undefined;
    });

    it('merges `defaults` into every model: settings and attributes, the model winning, `false` removing', async () => {
      orm = await lift(
        datastore,
        {
          product: { attributes: { title: { type: 'string' }, createdAt: false } },
          order: { fetchRecordsOnCreate: false, attributes: { qty: { type: 'number' } } },
        },
        {
          defaults: {
            primaryKey: 'id',
            fetchRecordsOnCreate: true,
            attributes: {
              id: { type: 'number', autoIncrement: true },
              createdAt: { type: 'number', autoCreatedAt: true },
              tenant: { type: 'string', defaultsTo: 'acme' },
            },
          },
        },
      );
      const { product: Product, order: Order } = orm.models;
      const product = await Product!.create({ title: 'Lamp' });
      expect(product).toMatchObject({ title: 'Lamp', tenant: 'acme' });
      expect(product).not.toHaveProperty('createdAt');
      expect(Object.keys(Product!.attributes).sort()).toEqual(['id', 'tenant', 'title']);
      expect(await Order!.create({ qty: 2 })).toBeUndefined();
      expect(await Order!.findOne({ qty: 2 })).toMatchObject({ qty: 2, tenant: 'acme', createdAt: expect.any(Number) });
    });

    it('honours fetchRecordsOnUpdate / OnDestroy / OnCreateEach', async () => {
      orm = await lift(datastore, {
        thing: { fetchRecordsOnUpdate: true, fetchRecordsOnDestroy: true, fetchRecordsOnCreateEach: true, attributes: { n: { type: 'number' } } },
      });
      const Thing = orm.models.thing!;
      expect(await Thing.createEach([{ n: 1 }, { n: 2 }])).toHaveLength(2);
      expect(await Thing.update({ n: 1 }, { n: 3 })).toEqual([expect.objectContaining({ n: 3 })]);
      expect(await Thing.destroy({ n: 2 })).toEqual([expect.objectContaining({ n: 2 })]);
      expect(await Thing.update({ n: 3 }, { n: 4 }).meta({ fetch: false })).toBeUndefined();
    });

    it('installs customToJSON on returned records, populated children included', async () => {
      orm = await lift(datastore, {
        agent: {
          attributes: { name: { type: 'string' }, secret: { type: 'string' }, boss: { model: 'agent' } },
          customToJSON(this: Record<string, unknown>) {
            const { secret: _secret, ...rest } = this;
            return rest;
          },
        },
      });
      const Agent = orm.models.agent!;
      const m = await Agent.create({ name: 'M', secret: 'x' }).fetch();
      await Agent.create({ name: 'Bond', secret: '007', boss: m.id });
      const [bond] = await Agent.find({ name: 'Bond' }).populate('boss');
      expect(bond!.secret).toBe('007');
      const json = JSON.parse(JSON.stringify(bond)) as Record<string, unknown>;
      expect(json).not.toHaveProperty('secret');
      expect(json.boss).toEqual(expect.not.objectContaining({ secret: expect.anything() }));
      expect((json.boss as Record<string, unknown>).name).toBe('M');
      expect(Object.keys(bond!)).not.toContain('toJSON');
    });

    it('uses columnName and tableName physically while queries speak attribute names', async () => {
      orm = await lift(datastore, {
        member: { tableName: 'club_members', attributes: { fullName: { type: 'string', columnName: 'full_name' }, club: { model: 'club', columnName: 'club_id' } } },
        club: { attributes: { name: { type: 'string' }, members: { collection: 'member', via: 'club' } } },
      });
      const { member: Member, club: Club } = orm.models;
      const club = await Club!.create({ name: 'Chess' }).fetch();
      await Member!.create({ fullName: 'Ann Lee', club: club.id });
      const [found] = await Club!.find().populate('members', { where: { fullName: { startsWith: 'Ann' } }, sort: 'fullName DESC' });
      expect(found!.members).toEqual([expect.objectContaining({ fullName: 'Ann Lee', club: club.id })]);
      const quote = datastore.name === 'mysql' ? '`' : '"';
      const native = (await Member!.getDatastore().sendNativeQuery(`SELECT ${quote}full_name${quote} AS f, ${quote}club_id${quote} AS c FROM ${quote}club_members${quote}`)) as { rows: { f: string; c: number }[] };
      expect(native.rows).toEqual([{ f: 'Ann Lee', c: club.id }]);
    });
  });
}
