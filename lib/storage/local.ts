import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { dataDir } from '@/lib/db/config';
import { StoredFileMissingError, type FileStore } from './types';

/**
 * Files in a folder under DATA_DIR (`files/yyyy/mm/<uuid>.<ext>`). Keys are generated here and checked on
 * the way back in, so nothing a user typed ever becomes part of a path.
 */

const KEY = /^\d{4}\/\d{2}\/[0-9a-f-]{36}\.[a-z0-9]{2,5}$/;

export function localFilesDir(): string {
  return path.join(/* turbopackIgnore: true */ dataDir(), 'files');
}

function pathOf(root: string, key: string): string {
  if (!KEY.test(key)) throw new StoredFileMissingError(key);
  return path.join(root, key);
}

export function createLocalFileStore(root = localFilesDir()): FileStore {
  return {
    kind: 'local',
    async put({ bytes, extension }) {
      const now = new Date();
      const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}.${extension}`;
      const target = pathOf(root, key);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      // Written aside and renamed, so a reader never sees half a file.
      const partial = `${target}.partial`;
      await fs.promises.writeFile(partial, bytes, { mode: 0o600 });
      await fs.promises.rename(partial, target);
      return { key };
    },
    async read(key) {
      const file = pathOf(root, key);
      try {
        await fs.promises.access(file, fs.constants.R_OK);
      } catch {
        throw new StoredFileMissingError(key);
      }
      return Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>;
    },
    async delete(keys) {
      await Promise.all(keys.map((key) => fs.promises.rm(pathOf(root, key), { force: true })));
    },
  };
}
