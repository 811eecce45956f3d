/** The shared SQL layer: one compiler, dialects supply hooks. */
export type { Compiled, Dialect } from './dialect.js';
export { parseColumnType, type ColumnType, type ValueKind } from './column-type.js';
export { bindable, tableCodec, type Decoder, type TableCodec } from './codec.js';
export { SqlCompiler, explicitColumns, type AggregateKind, type CompileTarget } from './compiler.js';
export { prepareJoin, type JoinStep, type JoinTables, type PreparedJoin, type Row } from './join-query.js';
export { copyRowsSql, createTableSql, dropTableSql, renameTableSql } from './ddl.js';
export { ShapeCache } from './shape-cache.js';
