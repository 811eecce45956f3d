/** Waterline's default column name: the attribute name trimmed, its first space made `_`. */
export function defaultColumnName(attributeName: string): string {
  return attributeName.trim().replace(' ', '_');
}
