import { UTApi, UTFile } from 'uploadthing/server';
import { StoredFileMissingError, type FileStore } from './types';

/**
 * UploadThing, with every file private: it is read through a signed URL that lives for a minute and is
 * fetched by the server, never handed to the browser. The API, ingest and file hosts can be pointed
 * elsewhere (UPLOADTHING_API_URL, UPLOADTHING_INGEST_URL, UPLOADTHING_UFS_HOST,
 * UPLOADTHING_UFS_APP_ID_LOCATION), which the tests do with a local server playing UploadThing.
 */

export type UploadThingSettings = {
  token: string;
  apiUrl?: string;
  ingestUrl?: string;
  ufsHost?: string;
  ufsAppIdLocation?: 'subdomain' | 'path';
};

const SIGNED_URL_SECONDS = 60;

export function uploadThingSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): UploadThingSettings | null {
  if (!env.UPLOADTHING_TOKEN) return null;
  const location = env.UPLOADTHING_UFS_APP_ID_LOCATION;
  return {
    token: env.UPLOADTHING_TOKEN,
    apiUrl: env.UPLOADTHING_API_URL || undefined,
    ingestUrl: env.UPLOADTHING_INGEST_URL || undefined,
    ufsHost: env.UPLOADTHING_UFS_HOST || undefined,
    ufsAppIdLocation: location === 'path' || location === 'subdomain' ? location : undefined,
  };
}

export function createUploadThingStore(settings: UploadThingSettings): FileStore {
  const api = new UTApi({
    token: settings.token,
    apiUrl: settings.apiUrl,
    ingestUrl: settings.ingestUrl,
    ufsHost: settings.ufsHost,
    ufsAppIdLocation: settings.ufsAppIdLocation,
    logLevel: 'Error',
  });
  return {
    kind: 'uploadthing',
    async put({ bytes, contentType, extension }) {
      const file = new UTFile([new Uint8Array(bytes)], `anexo.${extension}`, { type: contentType });
      const result = await api.uploadFiles(file, { acl: 'private', contentDisposition: 'attachment' });
      if (result.error) throw new Error(`UploadThing refused the file: ${result.error.code} ${result.error.message}`);
      return { key: result.data.key };
    },
    async read(key) {
      const { ufsUrl } = await api.generateSignedURL(key, { expiresIn: SIGNED_URL_SECONDS });
      const response = await fetch(ufsUrl);
      if (response.status === 404) throw new StoredFileMissingError(key);
      if (!response.ok || !response.body) throw new Error(`UploadThing answered ${response.status} for ${key}`);
      return response.body;
    },
    async delete(keys) {
      if (keys.length) await api.deleteFiles(keys);
    },
  };
}
