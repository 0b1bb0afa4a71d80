import { dirname, join, resolve } from "node:path";

/** Uploads and downloads (src/files/). Every field has an env variable; see the README. */
export interface FilesConfig {
  /** Where disk blobs and partial uploads live. `FILES_DIR`. @default `files` beside the SQLite database */
  dir: string;
  /** Largest file. `MAX_UPLOAD_BYTES`. @default 25 MiB */
  maxUploadBytes: number;
  /** Bytes per binary chunk (the frame adds a 25-byte header, under `LIMITS.maxFrameBytes`). @default 32 KiB */
  chunkSize: number;
  /** Bytes a client may send ahead of the acknowledgements. @default 256 KiB */
  windowBytes: number;
  /** Unfinished uploads per socket / per user. @default 3 / 6 */
  maxPerSocket: number;
  maxPerUser: number;
  /** Upload bytes per user / per address per day (also the burst). `UPLOAD_BYTES_PER_DAY`. @default 500 MiB / 2 GiB */
  userBytesPerDay: number;
  addressBytesPerDay: number;
  /** A partial upload with no chunk for this long is dropped. `UPLOAD_TTL_MS`. @default 1 h */
  partialTtlMs: number;
  /** Most pixels an image may have for `sharp` to decode it (decompression bombs). @default 50 M */
  maxInputPixels: number;
  /** Thumbnails fit in this square. @default 320 */
  thumbSize: number;
  /** How long a signed file URL works. @default 1 h */
  urlTtlMs: number;
}

const num = (value: string | undefined, fallback: number): number => {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a whole number: ${value}`);
  return n;
};

/** The files configuration from the environment, `overrides` winning (tests). */
export function filesConfig(
  dbPath: string,
  overrides: Partial<FilesConfig> = {},
  env: NodeJS.ProcessEnv = process.env,
): FilesConfig {
  return {
    dir: env.FILES_DIR ? resolve(env.FILES_DIR) : join(dirname(dbPath), "files"),
    maxUploadBytes: num(env.MAX_UPLOAD_BYTES, 25 * 1024 * 1024),
    chunkSize: 32 * 1024,
    windowBytes: 256 * 1024,
    maxPerSocket: 3,
    maxPerUser: 6,
    userBytesPerDay: num(env.UPLOAD_BYTES_PER_DAY, 500 * 1024 * 1024),
    addressBytesPerDay: num(env.ADDRESS_UPLOAD_BYTES_PER_DAY, 2 * 1024 * 1024 * 1024),
    partialTtlMs: num(env.UPLOAD_TTL_MS, 60 * 60 * 1000),
    maxInputPixels: 50_000_000,
    thumbSize: 320,
    urlTtlMs: 60 * 60 * 1000,
    ...overrides,
  };
}
