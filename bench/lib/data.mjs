// The benchmark's tables and rows, as plain data: every contestant reads the same rows, and
// every table has the same physical shape whichever contestant owns it.

// Column kinds; each seeder maps them to its database's types.
const USER = [['id', 'key'], ['createdAt', 'ts'], ['updatedAt', 'ts'], ['name', 'text'], ['age', 'real']];
const PET = [['id', 'key'], ['createdAt', 'ts'], ['updatedAt', 'ts'], ['name', 'text'], ['color', 'text']];

/** Table suffix → columns. Pattern 1 puts a unique `owner` on pet; pattern 2 a plain key on each side. */
export const TABLES = Object.freeze({
  p1_user: USER,
  p1_pet: [...PET, ['owner', 'fkUnique']],
  p2_user: [...USER, ['pet', 'fk']],
  p2_pet: [...PET, ['owner', 'fk']],
  post: [['id', 'key'], ['createdAt', 'ts'], ['updatedAt', 'ts'], ['title', 'text'], ['author', 'fk']],
  // Targets of the insert workload (pattern 1 shape), emptied before each contestant runs.
  ins_user: USER,
  ins_pet: [...PET, ['owner', 'fkUnique']],
});

export const INSERT_TABLES = ['ins_pet', 'ins_user'];

const COLORS = ['black', 'white', 'ginger', 'grey', 'brown'];
// A fixed clock keeps the seeded rows identical from run to run.
const T0 = 1_700_000_000_000;

/** Seeded rows of `table` (1-based ids, in id order), as arrays in column order without the id. */
export function seedRows(table, sizes) {
  const rows = [];
  const n = sizes.pairs;
  switch (table) {
    case 'p1_user':
    case 'p2_user':
      for (let i = 1; i <= n; i++) {
        const row = [T0 + i, T0 + i, `user ${i}`, i % 90];
        if (table === 'p2_user') row.push(i);
        rows.push(row);
      }
      break;
    case 'p1_pet':
    case 'p2_pet':
      for (let i = 1; i <= n; i++) rows.push([T0 + i, T0 + i, `pet ${i}`, COLORS[i % COLORS.length], i]);
      break;
    case 'post':
      for (let u = 1; u <= sizes.postUsers; u++) {
        for (let k = 1; k <= sizes.postsPerUser; k++) rows.push([T0 + k, T0 + k, `post ${u}.${k}`, u]);
      }
      break;
    default:
      break;
  }
  return rows;
}

/** The users and pets of the insert workload; `start` keeps warm-up rows distinct from timed ones. */
export function newPairs(count, start) {
  const users = [];
  const pets = [];
  for (let i = start; i < start + count; i++) {
    users.push({ name: `new user ${i}`, age: i % 90 });
    pets.push({ name: `new pet ${i}`, color: COLORS[i % COLORS.length] });
  }
  return { users, pets };
}
