// The floor: node-postgres with hand-written SQL. One LEFT JOIN per singular populate, one
// `= ANY($1)` query per plural populate, array rows turned into the records the ORMs return.
import pg from 'pg';

// BIGINT timestamps as numbers, as the ORMs return them; scoped to this pool.
const types = { getTypeParser: (oid, format) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) };

const USER = 'id, "createdAt", "updatedAt", name, age';
const PET = 'id, "createdAt", "updatedAt", name, color, owner';
const cols = (list, alias) => list.split(', ').map((c) => `${alias}.${c}`).join(', ');

const user1 = (r, o) => ({ id: r[o], createdAt: r[o + 1], updatedAt: r[o + 2], name: r[o + 3], age: r[o + 4] });
const user2 = (r, o) => ({ id: r[o], createdAt: r[o + 1], updatedAt: r[o + 2], name: r[o + 3], age: r[o + 4], pet: r[o + 5] });
const pet = (r, o) => ({ id: r[o], createdAt: r[o + 1], updatedAt: r[o + 2], name: r[o + 3], color: r[o + 4], owner: r[o + 5] });
const post = (r) => ({ id: r[0], createdAt: r[1], updatedAt: r[2], title: r[3], author: r[4] });

export async function open({ url, prefix }) {
  const pool = new pg.Pool({ connectionString: url, types });
  const t = (name) => `"${prefix}${name}"`;
  const rows = async (text, values) => (await pool.query({ text, values, rowMode: 'array' })).rows;

  /** Parents by id window, then their children in one `= ANY($1)` query, grouped by foreign key. */
  async function withChildren(parentSql, parentValues, makeParent, childSql, makeChild, fkIndex, alias) {
    const parents = (await rows(parentSql, parentValues)).map((r) => makeParent(r, 0));
    const byParent = new Map();
    for (const p of parents) {
      p[alias] = [];
      byParent.set(p.id, p[alias]);
    }
    if (parents.length > 0) {
      for (const r of await rows(childSql, [parents.map((p) => p.id)])) byParent.get(r[fkIndex])?.push(makeChild(r));
    }
    return parents;
  }

  /** Children with their parent record from one LEFT JOIN; `width` is the child's column count. */
  function joined(list, makeChild, width, makeParent, fk) {
    return list.map((r) => {
      const record = makeChild(r, 0);
      record[fk] = r[width] === null ? null : makeParent(r, width);
      return record;
    });
  }

  const petOwnerSql = (set, where) =>
    `SELECT ${cols(PET, 'p')}, ${cols(set === 'p1' ? USER : `${USER}, pet`, 'u')} FROM ${t(`${set}_pet`)} p ` +
    `LEFT JOIN ${t(`${set}_user`)} u ON u.id = p.owner WHERE ${where}`;

  return {
    async insertPairs(users, pets) {
      const now = Date.now();
      const ids = await rows(
        `INSERT INTO ${t('ins_user')} ("createdAt", "updatedAt", name, age) SELECT $1::bigint, $1::bigint, * FROM unnest($2::text[], $3::real[]) RETURNING id`,
        [now, users.map((u) => u.name), users.map((u) => u.age)],
      );
      await pool.query(
        `INSERT INTO ${t('ins_pet')} ("createdAt", "updatedAt", name, color, owner) SELECT $1::bigint, $1::bigint, * FROM unnest($2::text[], $3::text[], $4::int[])`,
        [now, pets.map((p) => p.name), pets.map((p) => p.color), ids.map((r) => r[0])],
      );
      return ids.length;
    },
    async usersWithPet(set, after, limit) {
      if (set === 'p1') {
        return withChildren(
          `SELECT ${USER} FROM ${t('p1_user')} WHERE id > $1 ORDER BY id LIMIT $2`, [after, limit], user1,
          `SELECT ${PET} FROM ${t('p1_pet')} WHERE owner = ANY($1)`, (r) => pet(r, 0), 5, 'pet',
        );
      }
      const list = await rows(
        `SELECT ${cols(`${USER}, pet`, 'u')}, ${cols(PET, 'p')} FROM ${t('p2_user')} u LEFT JOIN ${t('p2_pet')} p ON p.id = u.pet ` +
          'WHERE u.id > $1 ORDER BY u.id LIMIT $2',
        [after, limit],
      );
      return joined(list, user2, 6, pet, 'pet');
    },
    async petsWithOwner(set, after, limit) {
      const list = await rows(`${petOwnerSql(set, 'p.id > $1')} ORDER BY p.id LIMIT $2`, [after, limit]);
      return joined(list, pet, 6, set === 'p1' ? user1 : user2, 'owner');
    },
    async petWithOwner(id) {
      return joined(await rows(petOwnerSql('p1', 'p.id = $1'), [id]), pet, 6, user1, 'owner')[0];
    },
    async usersWithPosts(maxId) {
      return withChildren(
        `SELECT ${USER} FROM ${t('p1_user')} WHERE id <= $1 ORDER BY id`, [maxId], user1,
        `SELECT id, "createdAt", "updatedAt", title, author FROM ${t('post')} WHERE author = ANY($1)`, post, 4, 'posts',
      );
    },
    close: () => pool.end(),
  };
}
