/**
 * Which extra keys a `schema: false` model accepts on write: Waterline requires each to be an
 * ES5.1 identifier that is not a reserved word, and never `toJSON`/`toObject` (which would
 * shadow serialization on returned records).
 */

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

const RESERVED_WORDS: ReadonlySet<string> = new Set([
  // ES5.1 keywords
  'break', 'case', 'catch', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'finally', 'for',
  'function', 'if', 'in', 'instanceof', 'new', 'return', 'switch', 'this', 'throw', 'try', 'typeof',
  'var', 'void', 'while', 'with',
  // future reserved words (incl. strict mode) and literals
  'class', 'const', 'enum', 'export', 'extends', 'import', 'super', 'implements', 'interface', 'let',
  'package', 'private', 'protected', 'public', 'static', 'yield', 'null', 'true', 'false',
]);

const SERIALIZATION_NAMES: ReadonlySet<string> = new Set(['tojson', 'toobject']);

/** Why `key` cannot be stored on a schemaless model, or undefined when it can. */
export function schemalessKeyProblem(key: string): string | undefined {
  if (SERIALIZATION_NAMES.has(key.toLowerCase())) {
    return `\`${key}\` cannot be used as an attribute name, because it would shadow record serialization.`;
  }
  // Assigning `__proto__` on the output record would replace its prototype instead of storing a value.
  if (key === '__proto__' || !IDENTIFIER.test(key) || RESERVED_WORDS.has(key)) {
    return `\`${key}\` cannot be used as an attribute name on a schemaless model: it must be a valid JavaScript identifier that is not a reserved word.`;
  }
  return undefined;
}
