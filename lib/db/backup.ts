import 'server-only';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { dataDir as configuredDataDir } from './config';
import { lockEmbeddedFolder, openEmbeddedDatabase } from './embedded';
import { PGLITE_EXTENSIONS } from './pglite-extensions';

/**
 * `npm run db:backup` and `npm run db:restore`: one tar file with the database and, when attachments are
 * kept on local disk, the attachment files.
 *
 * - Embedded PGlite: a dump of the data folder (`dumpDataDir`) taken under the folder's lock, so with the
 *   app stopped: a running app holds the lock and the command is refused. (Asking the running app to take
 *   the dump would mean a control endpoint to secure for a one-instance development database; stopping it
 *   for a few seconds is the honest way to a consistent copy.)
 * - PostgreSQL: `pg_dump --format=custom` (a consistent snapshot while the app keeps running), restored
 *   with `pg_restore`.
 * - Files: the database is dumped first, then the files copied; every attachment in the dump was stored
 *   before its transaction committed, so its file is there. UploadThing files stay in UploadThing.
 *
 * A restore refuses a database (or a files folder) that already holds data unless `force` is given; then
 * the PGlite folder and the files folder are moved aside (never deleted) and PostgreSQL's schemas dropped.
 */

const exec = promisify(execFile);

const FORMAT = 'ouvidoria-digital-backup';
const DATABASE_DUMP = { pglite: 'database.pglite.tar.gz', postgresql: 'database.pgdump' } as const;

export type BackupTarget = {
  /** The PostgreSQL server's URL; absent for the embedded database in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Attachments are on local disk (no UPLOADTHING_TOKEN) and go into the backup. */
  localFiles: boolean;
};

type Manifest = { format: typeof FORMAT; version: 1; database: keyof typeof DATABASE_DUMP; files: 'local' | 'uploadthing'; fileCount: number; createdAt: string };

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** What the commands work on, from the environment the app reads too. */
export function backupTargetFromEnv(env: NodeJS.ProcessEnv = process.env): BackupTarget {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: configuredDataDir(), localFiles: !env.UPLOADTHING_TOKEN };
}

export async function backupDatabase(target: BackupTarget, archive: string): Promise<Manifest> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-backup-'));
  try {
    const database = target.databaseUrl ? 'postgresql' : 'pglite';
    const dumpFile = path.join(staging, DATABASE_DUMP[database]);
    if (target.databaseUrl) {
      await runPostgresTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${dumpFile}`, `--dbname=${target.databaseUrl}`]);
    } else {
      const embedded = await openEmbeddedDatabase(path.join(target.dataDir, 'pglite'));
      try {
        const dump = await embedded.client.dumpDataDir('gzip');
        fs.writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
      } finally {
        await embedded.release();
      }
    }
    const fileCount = target.localFiles ? copyFiles(path.join(target.dataDir, 'files'), path.join(staging, 'files')) : 0;
    const manifest: Manifest = { format: FORMAT, version: 1, database, files: target.localFiles ? 'local' : 'uploadthing', fileCount, createdAt: new Date().toISOString() };
    fs.writeFileSync(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
    fs.mkdirSync(path.dirname(path.resolve(archive)), { recursive: true });
    await exec('tar', ['-cf', path.resolve(archive), '-C', staging, '.']);
    return manifest;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

export type RestoreOutcome = Manifest & { movedAside: string[] };

export async function restoreDatabase(target: BackupTarget, archive: string, options: { force?: boolean } = {}): Promise<RestoreOutcome> {
  if (!fs.existsSync(archive)) throw new BackupError(`Arquivo de backup não encontrado: ${archive}`);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-restore-'));
  try {
    await exec('tar', ['-xf', path.resolve(archive), '-C', staging]);
    const manifest = readManifest(staging);
    const expected = target.databaseUrl ? 'postgresql' : 'pglite';
    if (manifest.database !== expected) {
      throw new BackupError(`Este backup é de um banco ${manifest.database === 'pglite' ? 'embutido (PGlite)' : 'PostgreSQL'} e o destino é ${expected === 'pglite' ? 'o banco embutido' : 'um PostgreSQL'}: restaure no mesmo tipo de banco.`);
    }
    const filesDir = path.join(target.dataDir, 'files');
    const restoresFiles = manifest.files === 'local' && target.localFiles;
    const movedAside: string[] = [];
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');

    const dump = path.join(staging, DATABASE_DUMP[manifest.database]);
    // The embedded folder's lock is taken first and kept to the end: with the app running nothing is
    // touched, and an app starting meanwhile is refused instead of opening a half-restored folder.
    const releaseLock = target.databaseUrl ? null : await lockEmbeddedFolder(path.join(target.dataDir, 'pglite'));
    try {
      if (restoresFiles && hasEntries(filesDir) && !options.force) {
        throw new BackupError(`A pasta de anexos ${filesDir} não está vazia. Use --force para substituí-la (a atual é guardada ao lado).`);
      }
      if (target.databaseUrl) {
        await restorePostgres(target.databaseUrl, dump, Boolean(options.force));
      } else {
        const moved = await restorePglite(path.join(target.dataDir, 'pglite'), dump, Boolean(options.force), stamp);
        if (moved) movedAside.push(moved);
      }
      if (restoresFiles) {
        if (hasEntries(filesDir)) {
          const aside = `${filesDir}.antes-da-restauracao-${stamp}`;
          fs.renameSync(filesDir, aside);
          movedAside.push(aside);
        }
        copyFiles(path.join(staging, 'files'), filesDir);
      }
    } finally {
      await releaseLock?.();
    }
    return { ...manifest, movedAside };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Called with the folder's lock held. */
async function restorePglite(dir: string, dumpFile: string, force: boolean, stamp: string): Promise<string | null> {
  let movedAside: string | null = null;
  if (hasEntries(dir)) {
    if (!force) throw new BackupError(`O banco embutido em ${dir} já tem dados. Use --force para substituí-lo (o atual é guardado ao lado).`);
    movedAside = `${dir}.antes-da-restauracao-${stamp}`;
    fs.renameSync(dir, movedAside);
    fs.mkdirSync(dir);
  }
  const client = await PGlite.create(dir, { extensions: PGLITE_EXTENSIONS, loadDataDir: new Blob([fs.readFileSync(dumpFile)]) });
  await client.query('select 1');
  await client.close();
  return movedAside;
}

async function restorePostgres(url: string, dumpFile: string, force: boolean) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`;
    if ((row?.n ?? 0) > 0) {
      if (!force) throw new BackupError('O banco PostgreSQL de destino já tem tabelas. Use --force para apagá-las e restaurar o backup.');
      await sql.unsafe('drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;');
    }
  } finally {
    await sql.end();
  }
  await runPostgresTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${url}`, dumpFile]);
}

async function runPostgresTool(tool: 'pg_dump' | 'pg_restore', args: string[]) {
  try {
    await exec(tool, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new BackupError(`${tool} não foi encontrado. Instale o cliente do PostgreSQL na mesma versão do servidor (por exemplo, apt-get install postgresql-client-15).`);
    }
    throw new BackupError(`${tool} falhou: ${failure.stderr?.trim() || failure.message}`);
  }
}

function readManifest(staging: string): Manifest {
  const file = path.join(staging, 'manifest.json');
  const manifest: unknown = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
  if (
    typeof manifest !== 'object' ||
    manifest === null ||
    !('format' in manifest) ||
    manifest.format !== FORMAT ||
    !('database' in manifest) ||
    (manifest.database !== 'pglite' && manifest.database !== 'postgresql')
  ) {
    throw new BackupError('Este arquivo não é um backup da Ouvidoria Digital (falta o manifest.json).');
  }
  return manifest as Manifest;
}

function hasEntries(dir: string): boolean {
  return fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
}

/** Copies a files folder (half-written `.partial` files left out); returns how many files were copied. */
function copyFiles(from: string, to: string): number {
  if (!fs.existsSync(from)) return 0;
  let count = 0;
  fs.cpSync(from, to, {
    recursive: true,
    filter: (source) => {
      if (source.endsWith('.partial')) return false;
      if (fs.statSync(source).isFile()) count += 1;
      return true;
    },
  });
  return count;
}
