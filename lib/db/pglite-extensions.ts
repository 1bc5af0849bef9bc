import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * The contrib extensions the migrations create (`create extension pg_trgm`, `btree_gist`); PGlite can create only those
 * it was opened with, so every PGlite.create passes these.
 */
export const PGLITE_EXTENSIONS = { pg_trgm, btree_gist } as const;
