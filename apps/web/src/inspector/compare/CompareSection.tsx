import type { CompareMode } from "@duplex/protocol";
import { useCallback } from "react";
import { useActions, useDuplex } from "../../store/storeContext.js";
import { browserEnv } from "./browserEnv.js";
import type { CompareEnv } from "./compareEnv.js";
import { CompareResults } from "./CompareResults.js";
import { DeflateSection } from "./DeflateSection.js";
import type { Pace } from "./runMode.js";
import { useCompareRun } from "./useCompareRun.js";
import { useCompareStrings } from "./useCompareStrings.js";
import "./compare.css";

const DEFAULT_PACE: Pace = {};

export const COMPARED_MODES: readonly CompareMode[] = ["websocket", "sse", "longpoll", "shortpoll"];

/**
 * "Why WebSocket": runs the four transports one after another against this server and shows them
 * side by side, then the deflate view. `env` is injected by tests; the page's own by default.
 */
export function CompareSection({
  env,
  pace = DEFAULT_PACE,
}: {
  env?: () => CompareEnv;
  pace?: Pace;
}) {
  const t = useCompareStrings();
  const { openCompareRun } = useActions();
  const signedIn = useDuplex((s) => s.session.user !== undefined);
  const makeEnv = useCallback(() => env?.() ?? browserEnv(openCompareRun), [env, openCompareRun]);
  const { state, start, cancel } = useCompareRun(makeEnv, COMPARED_MODES, pace);
  const running = state.phase === "running";
  const results = state.phase === "idle" || state.phase === "running" ? [] : state.results;
  return (
    <section aria-labelledby="inspector-compare" className="inspector-section compare">
      <h3 id="inspector-compare">{t.title}</h3>
      <p className="inspector-intro">{t.intro}</p>
      {!signedIn && <p className="inspector-note">{t.signedOut}</p>}
      <div className="inspector-toolbar">
        <button
          type="button"
          className="button-secondary"
          onClick={() => void start()}
          disabled={running || !signedIn}
        >
          {t.run}
        </button>
        {running && (
          <button type="button" className="button-secondary" onClick={cancel}>
            {t.cancel}
          </button>
        )}
      </div>
      <p role="status" aria-live="polite" className="compare-status">
        {running &&
          t.progress(
            t.modes[COMPARED_MODES[state.step] ?? "websocket"],
            state.progress?.received ?? 0,
            state.progress?.total ?? 0,
            state.step + 1,
            COMPARED_MODES.length,
          )}
        {state.phase === "cancelled" && t.cancelled}
        {state.phase === "failed" && t.refused}
        {state.phase === "done" && t.done}
      </p>
      {running && (
        <progress
          className="compare-progress"
          aria-label={t.title}
          max={COMPARED_MODES.length * (state.progress?.total ?? 1)}
          value={state.step * (state.progress?.total ?? 1) + (state.progress?.received ?? 0)}
        />
      )}
      {results.length > 0 && <CompareResults results={results} t={t} />}
      <h4>{t.whyTitle}</h4>
      <ul className="compare-why">
        {t.why.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <DeflateSection env={makeEnv} signedIn={signedIn} />
    </section>
  );
}
