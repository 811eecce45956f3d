/**
 * Turning `contains` / `startsWith` / `endsWith` into `like` patterns. Mooring escapes `%`,
 * `_` and the escape character itself (Waterline escaped only `%`), so the user's text is
 * matched literally; the escape character is a single backslash.
 */

export type TextSearch = 'contains' | 'startsWith' | 'endsWith';

const LIKE_SPECIALS = /[\\%_]/g;

export function escapeLike(text: string): string {
  return text.replace(LIKE_SPECIALS, (special) => `\\${special}`);
}

export function likePatternFor(search: TextSearch, text: string): string {
  const literal = escapeLike(text);
  switch (search) {
    case 'contains':
      return `%${literal}%`;
    case 'startsWith':
      return `${literal}%`;
    case 'endsWith':
      return `%${literal}`;
  }
}
