import type { CompareMode } from "@duplex/protocol";
import { useCallback } from "react";
import { useActions, useDuplex } from "../../store/storeContext.js";
import { browserEnv } from "./browserEnv.js";
import type { CompareEnv } from "./compareEnv.js";
import { CompareResults } from "./CompareResults.js";
import { DeflateSection } from "./DeflateSection.js";
import type { Pace } from "./runMode.js";
import { useCompareRun } from "./useCompareRun.js";
import { useCompareFormat } from "./compareFormat.js";
import "./compare.css";
import { InspectorSection } from "../InspectorSection.js";

const DEFAULT_PACE: Pace = {};

export const COMPARED_MODES: readonly CompareMode[] = ["websocket", "sse", "longpoll", "shortpoll"];

// What each compared mode's figures show, in the order the modes run.
const WHY = [
  "compare.why.websocket",
  "compare.why.sse",
  "compare.why.longpoll",
  "compare.why.shortpoll",
] as const;

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
  const { t, format } = useCompareFormat();
  const { openCompareRun } = useActions();
  const signedIn = useDuplex((s) => s.session.user !== undefined);
  const makeEnv = useCallback(() => env?.() ?? browserEnv(openCompareRun), [env, openCompareRun]);
  const { state, start, cancel } = useCompareRun(makeEnv, COMPARED_MODES, pace);
  const running = state.phase === "running";
  const results = state.phase === "idle" || state.phase === "running" ? [] : state.results;
  return (
    <InspectorSection
      name="compare"
      title={t("compare.title")}
      intro={t("compare.intro")}
      className="compare"
    >
      {!signedIn && <p className="inspector-note">{t("compare.signedOut")}</p>}
      <div className="inspector-toolbar">
        <button
          type="button"
          className="button-secondary"
          onClick={() => void start()}
          disabled={running || !signedIn}
        >
          {t("compare.run")}
        </button>
        {running && (
          <button type="button" className="button-secondary" onClick={cancel}>
            {t("compare.cancel")}
          </button>
        )}
      </div>
      <p role="status" aria-live="polite" className="compare-status">
        {running &&
          t("compare.progress", {
            mode: format.mode(COMPARED_MODES[state.step] ?? "websocket"),
            received: state.progress?.received ?? 0,
            total: state.progress?.total ?? 0,
            step: state.step + 1,
            steps: COMPARED_MODES.length,
          })}
        {state.phase === "cancelled" && t("compare.cancelled")}
        {state.phase === "failed" && t("compare.refused")}
        {state.phase === "done" && t("compare.done")}
      </p>
      {running && (
        <progress
          className="compare-progress"
          aria-label={t("compare.title")}
          max={COMPARED_MODES.length * (state.progress?.total ?? 1)}
          value={state.step * (state.progress?.total ?? 1) + (state.progress?.received ?? 0)}
        />
      )}
      {results.length > 0 && <CompareResults results={results} />}
      <h4>{t("compare.whyTitle")}</h4>
      <ul className="compare-why">
        {WHY.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
      <DeflateSection env={makeEnv} signedIn={signedIn} />
    </InspectorSection>
  );
}
