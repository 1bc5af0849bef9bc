import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * `INSERT INTO table (…) SELECT … FROM <from>, jsonb_populate_recordset(null::table, $rows) r`: rows that
 * one statement inserts only for each row another CTE of the same statement returned (the intake's
 * demand only when its submission key was claimed, its event only once the demand is written). A bare
 * parameter in a SELECT list is typed as text; read through the table's own row type, every value takes
 * its column's type, and the whole set travels as one parameter whatever the number of rows.
 *
 * `computed` gives columns whose value the statement itself knows (the protocol, the event id): SQL over
 * `from` and the row `r`; `where` joins them. Every row must set the same columns (a column left out takes its default).
 */
export function insertSelect<T extends PgTable>(
  table: T,
  rows: readonly T['$inferInsert'][],
  options: { from?: SQL; where?: SQL; computed?: Partial<Record<keyof T['$inferInsert'] & string, SQL>> } = {},
): SQL {
  const columns = getTableColumns(table) as Record<string, T['_']['columns'][string]>;
  const computed = Object.entries(options.computed ?? {}) as [string, SQL][];
  const isComputed = (key: string) => Boolean(options.computed && key in options.computed);
  const keysOf = (row: T['$inferInsert']) => Object.keys(row).filter((key) => (row as Record<string, unknown>)[key] !== undefined).sort();
  const signature = keysOf(rows[0] ?? ({} as T['$inferInsert'])).join(',');
  const json = rows.map((row) => {
    const values = row as Record<string, unknown>;
    const keys = keysOf(row);
    if (keys.join(',') !== signature) throw new Error(`insertSelect: every row must set the same columns (${signature} / ${keys.join(',')})`);
    const record: Record<string, unknown> = {};
    for (const key of keys) {
      const column = columns[key];
      if (!column) throw new Error(`insertSelect: no column ${key}`);
      const value = values[key];
      // JSON columns go in as JSON; everything else as its driver value (a Date as ISO text…).
      record[column.name] = value === null || column.dataType === 'json' ? value : column.mapToDriverValue(value);
    }
    return record;
  });
  // A computed column may read the row's own value (`r.payload || …`).
  const given = signature ? signature.split(',').filter((key) => !isComputed(key)) : [];
  const nameOf = (key: string) => {
    const column = columns[key];
    if (!column) throw new Error(`insertSelect: no column ${key}`);
    return sql.identifier(column.name);
  };
  const targetList = sql.join([...given.map(nameOf), ...computed.map(([key]) => nameOf(key))], sql`, `);
  const selectList = sql.join([...given.map((key) => sql`r.${nameOf(key)}`), ...computed.map(([, value]) => value)], sql`, `);
  const from = options.from ? sql`${options.from}, ` : sql``;
  const where = options.where ? sql` where ${options.where}` : sql``;
  return sql`insert into ${table} (${targetList}) select ${selectList} from ${from}jsonb_populate_recordset(null::${table}, ${JSON.stringify(json)}::jsonb) r${where}`;
}
