import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { build, type Plugin } from "vite";

const WORKER_FILE = "sw.js";

/** Every file under `dir`, as URL paths ("/assets/index-abc.js"). */
function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full, root);
    return [`/${relative(root, full).split(sep).join("/")}`];
  });
}

/**
 * Builds the service worker after the app: one classic script at `/sw.js` (the root scope needs no
 * Service-Worker-Allowed header), with the list of the app's built files and a hash of their
 * contents written in, so each build precaches exactly its own shell and drops the previous one.
 * Hand-written rather than a PWA plugin: the worker stays a page of code the strict CSP already
 * allows (`script-src 'self'`), with no runtime library and no generated registration script.
 */
export function serviceWorker(entry: string): Plugin {
  let outDir = "dist";
  return {
    name: "duplex-service-worker",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = listFiles(outDir)
        .filter((file) => file !== `/${WORKER_FILE}` && !file.endsWith(".map"))
        .sort();
      const hash = createHash("sha256");
      for (const file of files) hash.update(file).update(readFileSync(join(outDir, file)));
      await build({
        configFile: false,
        logLevel: "warn",
        publicDir: false,
        define: {
          __PRECACHE_MANIFEST__: JSON.stringify(files),
          __PRECACHE_VERSION__: JSON.stringify(hash.digest("hex").slice(0, 16)),
        },
        build: {
          outDir,
          emptyOutDir: false,
          sourcemap: false,
          lib: {
            entry,
            formats: ["iife"],
            name: "duplexServiceWorker",
            fileName: () => WORKER_FILE,
          },
        },
      });
    },
  };
}
