import type { CompareMode } from "@duplex/protocol";
import { useCallback, useEffect, useRef, useState } from "react";
import type { CompareEnv, CompareProgress, ModeResult } from "./compareEnv.js";
import { runMode, type Pace } from "./runMode.js";

export type RunState =
  | { phase: "idle" }
  | { phase: "running"; progress: CompareProgress | undefined; step: number }
  | { phase: "done"; results: ModeResult[] }
  | { phase: "cancelled" | "failed"; results: ModeResult[] };

/**
 * Runs `modes` one after another (never at once: they would share the machine and skew each other),
 * with cancel. Unmounting cancels too, so a closed inspector leaves nothing running.
 */
export function useCompareRun(
  env: () => CompareEnv,
  modes: readonly CompareMode[],
  pace: Pace = {},
) {
  const [state, setState] = useState<RunState>({ phase: "idle" });
  const abort = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => abort.current?.abort(), []);

  const start = useCallback(async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const results: ModeResult[] = [];
    const e = env();
    try {
      for (const [step, mode] of modes.entries()) {
        setState({ phase: "running", progress: undefined, step });
        const result = await runMode(e, mode, {
          signal: controller.signal,
          ...pace,
          // An echo that lands after a cancel must not bring back the progress line.
          onProgress: (progress) => {
            if (!controller.signal.aborted) setState({ phase: "running", progress, step });
          },
        });
        results.push(result);
      }
      setState({ phase: "done", results });
    } catch {
      setState({ phase: controller.signal.aborted ? "cancelled" : "failed", results });
    }
  }, [env, modes, pace]);

  const cancel = useCallback(() => abort.current?.abort(), []);
  return { state, start, cancel };
}
