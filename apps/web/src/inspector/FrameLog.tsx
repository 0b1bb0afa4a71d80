import { useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import { useActions, useDuplex } from "../store/storeContext.js";
import { MAX_FRAMES, visibleFrames, type InspectedFrame } from "./inspectorSlice.js";
import type { Translate } from "../i18n/translate.js";
import { useT } from "../i18n/useT.js";
import { formatBinary, formatCloseDetail, formatHeader } from "./inspectorFormat.js";
import { ColumnHeads } from "../components/ColumnHeads.js";
import { InspectorSection } from "./InspectorSection.js";

function time(at: number): string {
  const d = new Date(at);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

function detail(frame: InspectedFrame, t: Translate): string {
  if (frame.kind === "close") return formatCloseDetail(t, frame.code, frame.reason ?? "");
  if (frame.rttMs !== undefined) return t("inspector.rttDetail", { ms: frame.rttMs.toFixed(1) });
  if (frame.kind === "binary") return formatBinary(t, frame.chunkHeaderBytes);
  return "";
}

function FrameRow({ frame }: { frame: InspectedFrame }) {
  const t = useT();
  return (
    <tr className={`inspector-frame inspector-frame-${frame.kind}`}>
      <td>
        <time dateTime={new Date(frame.at).toISOString()}>{time(frame.at)}</time>
      </td>
      <td>{frame.direction === "in" ? t("inspector.directionIn") : t("inspector.directionOut")}</td>
      <td>
        <code>{frame.type}</code> <span className="inspector-detail">{detail(frame, t)}</span>
      </td>
      <td>{t("inspector.bytes", { n: frame.payloadBytes })}</td>
      <td>{formatHeader(t, frame.headerBytes, frame.maskBytes)}</td>
      <td>
        {frame.seenBy === "browser" ? t("inspector.seenByBrowser") : t("inspector.seenByServer")}
      </td>
    </tr>
  );
}

/** Every frame in and out, newest first: filter by type, pause, capped at `MAX_FRAMES`. */
export function FrameLog() {
  const t = useT();
  const { all, filter, paused, missed } = useDuplex(
    useShallow((s) => ({
      all: s.inspector.frames,
      filter: s.inspector.filter,
      paused: s.inspector.paused,
      missed: s.inspector.missedWhilePaused,
    })),
  );
  const { setInspectorFilter, setInspectorPaused } = useActions();
  // Filtered here, not in the selector: a fresh array from a selector would re-render forever.
  const frames = useMemo(() => visibleFrames(all, filter), [all, filter]);
  const types = [...new Set(all.map((f) => f.type))].sort();
  if (filter !== "all" && !types.includes(filter)) types.push(filter);
  return (
    <InspectorSection name="frames" title={t("inspector.logTitle")} intro={t("inspector.logIntro")}>
      <div className="inspector-toolbar">
        <label>
          {t("inspector.filterLabel")}{" "}
          <select value={filter} onChange={(e) => setInspectorFilter(e.target.value)}>
            <option value="all">{t("inspector.filterAll")}</option>
            {types.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button-secondary"
          aria-pressed={paused}
          onClick={() => setInspectorPaused(!paused)}
        >
          {paused ? t("inspector.resume") : t("inspector.pause")}
        </button>
        <span className="inspector-note">{t("inspector.capNote", { max: MAX_FRAMES })}</span>
      </div>
      {paused && missed > 0 && (
        <p className="inspector-note">{t("inspector.missedWhilePaused", { n: missed })}</p>
      )}
      {frames.length === 0 ? (
        <p>{t("inspector.noFrames")}</p>
      ) : (
        // Focusable, so the log scrolls from the keyboard too.
        <div
          className="inspector-log-scroll"
          tabIndex={0}
          role="region"
          aria-label={t("inspector.logLabel")}
        >
          <table className="inspector-log" aria-label={t("inspector.logLabel")}>
            <ColumnHeads
              keys={[
                "inspector.colTime",
                "inspector.colDirection",
                "inspector.colType",
                "inspector.colPayload",
                "inspector.colHeader",
                "inspector.colSeenBy",
              ]}
            />
            <tbody>
              {frames.map((frame) => (
                <FrameRow key={frame.id} frame={frame} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </InspectorSection>
  );
}
