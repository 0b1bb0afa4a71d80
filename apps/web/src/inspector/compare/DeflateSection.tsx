import type { DeflateFrame } from "@duplex/protocol";
import type { CompareEnv } from "./compareEnv.js";
import { useCompareRun } from "./useCompareRun.js";
import { useCompareFormat } from "./compareFormat.js";
import { CompareTable } from "./CompareTable.js";

const DEFLATE_MODES = ["deflate"] as const;
const DEFLATE_PACE = { messages: 20 };

/** The deflate endpoint's frames: payload and wire bytes of each, both directions. */
export function DeflateSection({ env, signedIn }: { env: () => CompareEnv; signedIn: boolean }) {
  const { t, format } = useCompareFormat();
  const { state, start } = useCompareRun(env, DEFLATE_MODES, DEFLATE_PACE);
  const frames: DeflateFrame[] =
    state.phase === "done" ? (state.results[0]?.report.frames ?? []) : [];
  const payload = frames.reduce((sum, f) => sum + f.payloadBytes, 0);
  const wire = frames.reduce((sum, f) => sum + f.wireBytes, 0);
  return (
    <>
      <h4 id="inspector-deflate">{t("compare.deflateTitle")}</h4>
      <p className="inspector-intro">{t("compare.deflateIntro")}</p>
      <div className="inspector-toolbar">
        <button
          type="button"
          className="button-secondary"
          onClick={() => void start()}
          disabled={state.phase === "running" || !signedIn}
        >
          {t("compare.deflateRun")}
        </button>
      </div>
      <p role="status" aria-live="polite" className="compare-status">
        {state.phase === "failed" && t("compare.refused")}
        {frames.length > 0 &&
          t("compare.deflateTotals", {
            payload: format.bytes(payload),
            wire: format.bytes(wire),
            percent: Math.round((100 * wire) / Math.max(1, payload)),
          })}
      </p>
      {frames.length > 0 && (
        <CompareTable
          caption={t("compare.deflateCaption")}
          className="compare-frames"
          columns={[
            "compare.colFrame",
            "compare.colDirection",
            "compare.colPayload",
            "compare.colWire",
            "compare.colSaved",
          ]}
        >
          {frames.map((f, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              <td>{f.direction === "in" ? t("compare.directionIn") : t("compare.directionOut")}</td>
              <td>{format.bytes(f.payloadBytes)}</td>
              <td>{format.bytes(f.wireBytes)}</td>
              <td>{`${Math.round(100 - (100 * f.wireBytes) / Math.max(1, f.payloadBytes))} %`}</td>
            </tr>
          ))}
        </CompareTable>
      )}
      <p className="inspector-note">{t("compare.deflateWhy")}</p>
    </>
  );
}
