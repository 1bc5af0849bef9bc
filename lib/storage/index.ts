import 'server-only';
import { createLocalFileStore } from './local';
import { createUploadThingStore, uploadThingSettingsFromEnv } from './uploadthing';
import type { FileStore } from './types';

export type { FileStore } from './types';
export { StoredFileMissingError } from './types';

/** UploadThing when UPLOADTHING_TOKEN is set, otherwise a folder under DATA_DIR. */
export function getFileStore(): FileStore {
  const uploadThing = uploadThingSettingsFromEnv();
  return uploadThing ? createUploadThingStore(uploadThing) : createLocalFileStore();
}
