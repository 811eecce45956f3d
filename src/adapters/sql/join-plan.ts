/**
 * Waterline's `join` instructions (datastores-and-adapters.md §5) regrouped per alias:
 * singular (`model`) joins, one-to-many joins, and junction pairs (many-to-many, two
 * instructions sharing an alias).
 */
import type { JoinInstruction, Stage3Criteria } from '../../query/shapes.js';

export interface SingularJoin {
  readonly alias: string;
  /** Parent column holding the foreign key; its value is replaced by the child row. */
  readonly parentKey: string;
  readonly child: string;
  /** Child column matched against `parentKey` (the child's primary key). */
  readonly childKey: string;
  readonly select: readonly string[] | undefined;
}

/** How child rows of a plural join point at their parent. */
export type PluralLink =
  | { readonly kind: 'direct'; readonly childKey: string }
  | {
      readonly kind: 'junction';
      readonly table: string;
      /** Junction column holding the parent's key. */
      readonly parentSide: string;
      /** Junction column holding the child's key. */
      readonly childSide: string;
      /** Child column matched against `childSide` (the child's primary key). */
      readonly childKey: string;
    };

export interface PluralJoin {
  readonly alias: string;
  /** Parent column whose value children are linked by (usually the parent's primary key). */
  readonly parentKey: string;
  readonly child: string;
  readonly link: PluralLink;
  readonly criteria: Partial<Stage3Criteria>;
}

export interface JoinPlan {
  readonly singular: SingularJoin[];
  readonly plural: PluralJoin[];
}

export function planJoins(parentTable: string, joins: readonly JoinInstruction[]): JoinPlan {
  const byAlias = new Map<string, JoinInstruction[]>();
  for (const join of joins) {
    const list = byAlias.get(join.alias);
    if (list) list.push(join);
    else byAlias.set(join.alias, [join]);
  }
  const plan: JoinPlan = { singular: [], plural: [] };
  for (const [alias, list] of byAlias) {
    const [first, second, extra] = list;
    if (!first || extra) throw new Error(`Unsupported join for \`${alias}\`: expected one or two join instructions, got ${list.length}.`);
    if (!second) {
      if (first.model) {
        plan.singular.push({
          alias,
          parentKey: first.parentKey,
          child: first.child,
          childKey: first.childKey,
          select: first.criteria.select,
        });
      } else {
        plan.plural.push({
          alias,
          parentKey: first.parentKey,
          child: first.child,
          link: { kind: 'direct', childKey: first.childKey },
          criteria: first.criteria,
        });
      }
      continue;
    }
    plan.plural.push(junctionJoin(parentTable, alias, first, second));
  }
  return plan;
}

function junctionJoin(parentTable: string, alias: string, a: JoinInstruction, b: JoinInstruction): PluralJoin {
  // The first hop leaves the parent table; the second leaves the junction.
  const [toJunction, toChild] = a.parent === parentTable && b.parent === a.child ? [a, b] : [b, a];
  if (toJunction.parent !== parentTable || toChild.parent !== toJunction.child) {
    throw new Error(`Unsupported join for \`${alias}\`: the two instructions do not form parent → junction → child.`);
  }
  return {
    alias,
    parentKey: toJunction.parentKey,
    child: toChild.child,
    link: {
      kind: 'junction',
      table: toJunction.child,
      parentSide: toJunction.childKey,
      childSide: toChild.parentKey,
      childKey: toChild.childKey,
    },
    criteria: toChild.criteria,
  };
}
