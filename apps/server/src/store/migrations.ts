import type { Migration } from "./migrationsType.js";
import { CORE_MIGRATIONS } from "./migrationsCore.js";
import { FEATURE_MIGRATIONS } from "./migrationsFeatures.js";
import { WRITE_PATH_MIGRATIONS } from "./migrationsWritePath.js";

export type { Migration } from "./migrationsType.js";

/**
 * Schema migrations, applied in order and recorded in `migrations`. Append new ones; never edit one
 * that has shipped. `after` runs in the same transaction, for data only code can compute.
 */
export const MIGRATIONS: readonly Migration[] = [
  ...CORE_MIGRATIONS,
  ...FEATURE_MIGRATIONS,
  ...WRITE_PATH_MIGRATIONS,
];
