/** Checks shared by scalar and singular attributes (both own a column). */
import { defaultColumnName } from './column-name.js';
import type { AutoMigrations } from './ontology.js';
import { isDictionary, show, type Dictionary } from './plain-data.js';

/** Reports one problem about the attribute being read. */
export type Say = (message: string) => void;

export function readColumnName(name: string, attr: Readonly<Dictionary>, say: Say): string {
  const value = attr['columnName'];
  if (value === undefined) return defaultColumnName(name);
  if (typeof value !== 'string' || value.trim() === '') {
    say(`\`columnName\` must be a non-empty string, not ${show(value)}.`);
    return defaultColumnName(name);
  }
  return value;
}

/** `fallbackColumnType` only matters for definitions that bypassed normalisation. */
export function readAutoMigrations(attr: Readonly<Dictionary>, say: Say, fallbackColumnType: string): AutoMigrations {
  const value = attr['autoMigrations'] ?? {};
  if (!isDictionary(value)) {
    say('`autoMigrations` must be a dictionary like `{columnType, unique, autoIncrement}`.');
    return { columnType: fallbackColumnType, unique: false, autoIncrement: false };
  }
  const { columnType, unique, autoIncrement } = value;
  if (columnType !== undefined && (typeof columnType !== 'string' || columnType === '')) {
    say(`\`columnType\` must be a non-empty string, not ${show(columnType)}.`);
  }
  if (unique !== undefined && typeof unique !== 'boolean') say('`unique` must be true or false.');
  if (autoIncrement !== undefined && typeof autoIncrement !== 'boolean') say('`autoIncrement` must be true or false.');
  return {
    columnType: typeof columnType === 'string' && columnType !== '' ? columnType : fallbackColumnType,
    unique: unique === true,
    autoIncrement: autoIncrement === true,
  };
}
