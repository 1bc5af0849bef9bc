/**
 * Where attachment bytes live. The database keeps the metadata and the key; a store keeps the bytes,
 * privately. Which store is used is configuration (see ./index.ts), never a caller's choice.
 */
export type FileStore = {
  readonly kind: 'local' | 'uploadthing';
  /** Stores the bytes and returns the key to find them again. */
  put(file: { bytes: Uint8Array; contentType: string; extension: string }): Promise<{ key: string }>;
  /** The bytes as a stream, for a route to pass on. */
  read(key: string): Promise<ReadableStream<Uint8Array>>;
  /** Deleting a key that is already gone is not an error. */
  delete(keys: string[]): Promise<void>;
};

export class StoredFileMissingError extends Error {
  constructor(key: string) {
    super(`No stored file under ${key}`);
    this.name = 'StoredFileMissingError';
  }
}
