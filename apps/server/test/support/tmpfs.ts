import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A size-limited file system of its own (tmpfs), for disk-full and read-only faults. Needs root. */
export interface TestTmpfs {
  dir: string;
  /** Makes it read-only (no file may be open for writing on it). */
  remountReadOnly(): void;
  [Symbol.dispose](): void;
}

/**
 * Mounts a `sizeBytes` tmpfs on a fresh temp directory. Root is required, never skipped: CI runs as
 * root, and a suite that silently does not run proves nothing.
 */
export function mountTmpfs(sizeBytes: number): TestTmpfs {
  if (process.getuid?.() !== 0) {
    throw new Error("mounting a tmpfs needs root (CI and bash scripts/test-all.sh run as root)");
  }
  const dir = mkdtempSync(join(tmpdir(), "duplex-tmpfs-"));
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeBytes}`, "tmpfs", dir]);
  return {
    dir,
    remountReadOnly: () => execFileSync("mount", ["-o", "remount,ro", dir]),
    [Symbol.dispose]: () => {
      // Lazy: a server still closing its files must not make the unmount fail and leak the mount.
      execFileSync("umount", ["-l", dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
