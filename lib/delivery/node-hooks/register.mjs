import { register } from 'node:module';

// Loaded with `--import` before the worker's own modules (see package.json "worker").
register('./server-only.mjs', import.meta.url);
