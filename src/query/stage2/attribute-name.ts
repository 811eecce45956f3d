/** Which names a `schema: false` model accepts for attributes it does not declare. */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

// Reserved words would break adapters that build code or documents from attribute names.
const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do',
  'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in',
  'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try',
  'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface',
  'package', 'private', 'protected', 'public', 'await',
]);

// Record methods; an attribute with these names would shadow them.
const RECORD_METHODS = new Set(['toJSON', 'toObject']);

export function isValidAttributeName(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name) && !RECORD_METHODS.has(name);
}
