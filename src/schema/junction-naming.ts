/**
 * Names of a generated junction model, exactly as Waterline derives them, so databases created
 * by Waterline keep working: both sides sorted by model identity (then attribute name), joined
 * as `<identity>_<attribute>__<identity>_<attribute>`. The table keeps the attributes' case; the
 * identity is lower-cased.
 */
export interface JunctionSide {
  /** Identity of the model at this side. */
  readonly identity: string;
  /** Its attribute (a via-less plural's far side uses the synthetic `<attr>_<target>`). */
  readonly attribute: string;
}

export interface JunctionNames {
  readonly identity: string;
  readonly tableName: string;
  readonly first: JunctionSide;
  readonly second: JunctionSide;
}

/** The junction column (and attribute) holding the primary key of `side`'s own model. */
export function junctionColumn(side: JunctionSide): string {
  return `${side.identity}_${side.attribute}`;
}

export function junctionNames(a: JunctionSide, b: JunctionSide): JunctionNames {
  // Plain code-unit comparison, as JavaScript's default sort does.
  const aFirst = a.identity === b.identity ? a.attribute < b.attribute : a.identity < b.identity;
  const [first, second] = aFirst ? [a, b] : [b, a];
  const tableName = `${junctionColumn(first)}__${junctionColumn(second)}`;
  return { identity: tableName.toLowerCase(), tableName, first, second };
}

/** The far side's attribute name Waterline invents for a via-less plural. */
export function syntheticVia(attribute: string, targetIdentity: string): string {
  return `${attribute}_${targetIdentity}`;
}
