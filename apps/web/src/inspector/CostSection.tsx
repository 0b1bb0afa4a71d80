import { useShallow } from "zustand/react/shallow";
import { useActions, useDuplex } from "../store/storeContext.js";
import { CostChart } from "./CostChart.js";
import { httpHeaderBytesFor } from "./httpCost.js";
import { useT } from "../i18n/useT.js";
import { formatMs } from "./inspectorFormat.js";
import { InspectorSection } from "./InspectorSection.js";

const last = (samples: readonly number[]) => samples[samples.length - 1];

/** Frame-header bytes this session vs the same messages as HTTP, and the two round trips. */
export function CostSection() {
  const t = useT();
  const { totals, http, wsRtt, httpRtt, appRtt, error } = useDuplex(
    useShallow((s) => ({
      totals: s.inspector.totals,
      http: s.inspector.http,
      wsRtt: last(s.inspector.wsRttMs),
      httpRtt: last(s.inspector.httpRttMs),
      appRtt: s.connection.rttMs,
      error: s.inspector.error,
    })),
  );
  const { measureHttp } = useActions();
  const httpBytes = http ? httpHeaderBytesFor(totals.messages, http) : undefined;
  return (
    <InspectorSection name="cost" title={t("inspector.costTitle")} intro={t("inspector.costIntro")}>
      <p>{t("inspector.costMessages", { n: totals.messages })}</p>
      <dl className="inspector-figures">
        <dt>{t("inspector.costWs")}</dt>
        <dd data-testid="ws-header-bytes">{t("inspector.bytes", { n: totals.headerBytes })}</dd>
        <dt>{t("inspector.costHttp")}</dt>
        <dd data-testid="http-header-bytes">
          {httpBytes === undefined
            ? t("inspector.costMeasuring")
            : t("inspector.bytes", { n: httpBytes })}
        </dd>
      </dl>
      {http && (
        <p className="inspector-note">
          {t("inspector.costMethod", { request: http.requestBytes, response: http.responseBytes })}
        </p>
      )}
      {httpBytes !== undefined && (
        <CostChart
          title={t("inspector.costTitle")}
          bars={[
            {
              label: t("inspector.costWs"),
              value: totals.headerBytes,
              text: t("inspector.bytes", { n: totals.headerBytes }),
            },
            {
              label: t("inspector.costHttp"),
              value: httpBytes,
              text: t("inspector.bytes", { n: httpBytes }),
            },
          ]}
        />
      )}
      <h4>{t("inspector.rttTitle")}</h4>
      <dl className="inspector-figures">
        <dt>{t("inspector.rttWs")}</dt>
        <dd>{formatMs(t, wsRtt)}</dd>
        <dt>{t("inspector.rttApp")}</dt>
        <dd>{formatMs(t, appRtt)}</dd>
        <dt>{t("inspector.rttHttp")}</dt>
        <dd>{formatMs(t, httpRtt)}</dd>
      </dl>
      {(wsRtt !== undefined || httpRtt !== undefined) && (
        <CostChart
          title={t("inspector.rttTitle")}
          bars={[
            { label: t("inspector.rttWs"), value: wsRtt ?? 0, text: formatMs(t, wsRtt) },
            { label: t("inspector.rttHttp"), value: httpRtt ?? 0, text: formatMs(t, httpRtt) },
          ]}
        />
      )}
      {error !== undefined && (
        <p className="inspector-bad">{t("inspector.error", { message: error })}</p>
      )}
      <button type="button" className="button-secondary" onClick={() => void measureHttp()}>
        {t("inspector.measureAgain")}
      </button>
    </InspectorSection>
  );
}
