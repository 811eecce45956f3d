// The embedded floor: better-sqlite3 with hand-written, prepared SQL (pattern-1 reads only).
import Database from 'better-sqlite3';

const user = (r, o) => ({ id: r[o], createdAt: r[o + 1], updatedAt: r[o + 2], name: r[o + 3], age: r[o + 4] });
const pet = (r, o) => ({ id: r[o], createdAt: r[o + 1], updatedAt: r[o + 2], name: r[o + 3], color: r[o + 4], owner: r[o + 5] });

export async function open({ filename }) {
  const db = new Database(filename, { readonly: true });
  const users = db.prepare('SELECT id, createdAt, updatedAt, name, age FROM p1_user WHERE id > ? ORDER BY id LIMIT ?').raw(true);
  const petsJoined = db
    .prepare(
      'SELECT p.id, p.createdAt, p.updatedAt, p.name, p.color, p.owner, u.id, u.createdAt, u.updatedAt, u.name, u.age ' +
        'FROM p1_pet p LEFT JOIN p1_user u ON u.id = p.owner WHERE p.id > ? ORDER BY p.id LIMIT ?',
    )
    .raw(true);
  // An IN list per page size, prepared once: the usual hand-written way.
  const byOwners = new Map();
  const petsOf = (count) => {
    let statement = byOwners.get(count);
    if (!statement) {
      statement = db.prepare(`SELECT id, createdAt, updatedAt, name, color, owner FROM p1_pet WHERE owner IN (${Array(count).fill('?').join(', ')})`).raw(true);
      byOwners.set(count, statement);
    }
    return statement;
  };

  return {
    async usersWithPet(_set, after, limit) {
      const parents = users.all(after, limit).map((r) => user(r, 0));
      const byId = new Map();
      for (const p of parents) {
        p.pet = [];
        byId.set(p.id, p.pet);
      }
      if (parents.length > 0) {
        for (const r of petsOf(parents.length).all(parents.map((p) => p.id))) byId.get(r[5])?.push(pet(r, 0));
      }
      return parents;
    },
    async petsWithOwner(_set, after, limit) {
      return petsJoined.all(after, limit).map((r) => {
        const record = pet(r, 0);
        record.owner = r[6] === null ? null : user(r, 6);
        return record;
      });
    },
    async close() {
      db.close();
    },
  };
}
