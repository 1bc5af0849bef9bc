/** A statistics table as pages draw it (chart + accessible table) and as the CSV routes write it. */
export type Cell = { display: string; value?: number | string | null; href?: string };
export type Column = { label: string; numeric?: boolean };
export type Chart = { kind: 'columns' | 'bars'; labelColumn: number; valueColumn: number };
export type Highlight = { label: string; cell: Cell };
export type StatsTable = {
  id: string;
  title: string;
  description?: string;
  columns: Column[];
  rows: Cell[][];
  chart?: Chart;
  /** The few figures shown large above the table. */
  highlights?: Highlight[];
  /** What the page says instead of an empty table. */
  empty?: string;
};
