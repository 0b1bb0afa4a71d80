import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const ASSETS = fileURLToPath(new URL("../../../web/dist/assets", import.meta.url));

export interface AssetSize {
  file: string;
  rawBytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

export interface BundleResult {
  /** `undefined` when the web app is not built (`pnpm --filter @duplex/web build`). */
  assets: AssetSize[] | undefined;
  totals: { js: AssetSize; css: AssetSize } | undefined;
}

function sizeOf(file: string): AssetSize {
  const bytes = readFileSync(join(ASSETS, file));
  return {
    file,
    rawBytes: bytes.length,
    // Level 9 and quality 11: what a CDN serving precompressed files would ship.
    gzipBytes: gzipSync(bytes, { level: 9 }).length,
    brotliBytes: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length,
  };
}

function total(name: string, sizes: readonly AssetSize[]): AssetSize {
  return sizes.reduce(
    (sum, s) => ({
      file: name,
      rawBytes: sum.rawBytes + s.rawBytes,
      gzipBytes: sum.gzipBytes + s.gzipBytes,
      brotliBytes: sum.brotliBytes + s.brotliBytes,
    }),
    { file: name, rawBytes: 0, gzipBytes: 0, brotliBytes: 0 },
  );
}

/** Gzip and brotli sizes of the built web app's JS and CSS in apps/web/dist/assets. */
export function measureBundle(): BundleResult {
  if (!existsSync(ASSETS)) return { assets: undefined, totals: undefined };
  const files = readdirSync(ASSETS).filter((f) => f.endsWith(".js") || f.endsWith(".css"));
  const assets = files.sort().map(sizeOf);
  return {
    assets,
    totals: {
      js: total(
        "all .js",
        assets.filter((a) => a.file.endsWith(".js")),
      ),
      css: total(
        "all .css",
        assets.filter((a) => a.file.endsWith(".css")),
      ),
    },
  };
}
