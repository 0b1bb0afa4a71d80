import { useShallow } from "zustand/react/shallow";
import { useActions, useDuplex } from "../store/storeContext.js";
import { CostChart } from "./CostChart.js";
import { httpHeaderBytesFor } from "./httpCost.js";
import { useInspectorStrings } from "../i18n/inspectorStrings.js";

const last = (samples: readonly number[]) => samples[samples.length - 1];

/** Frame-header bytes this session vs the same messages as HTTP, and the two round trips. */
export function CostSection() {
  const t = useInspectorStrings();
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
    <section aria-labelledby="inspector-cost" className="inspector-section">
      <h3 id="inspector-cost">{t.costTitle}</h3>
      <p className="inspector-intro">{t.costIntro}</p>
      <p>{t.costMessages(totals.messages)}</p>
      <dl className="inspector-figures">
        <dt>{t.costWs}</dt>
        <dd data-testid="ws-header-bytes">{t.bytes(totals.headerBytes)}</dd>
        <dt>{t.costHttp}</dt>
        <dd data-testid="http-header-bytes">
          {httpBytes === undefined ? t.costMeasuring : t.bytes(httpBytes)}
        </dd>
      </dl>
      {http && (
        <p className="inspector-note">{t.costMethod(http.requestBytes, http.responseBytes)}</p>
      )}
      {httpBytes !== undefined && (
        <CostChart
          title={t.costTitle}
          bars={[
            { label: t.costWs, value: totals.headerBytes, text: t.bytes(totals.headerBytes) },
            { label: t.costHttp, value: httpBytes, text: t.bytes(httpBytes) },
          ]}
        />
      )}
      <h4>{t.rttTitle}</h4>
      <dl className="inspector-figures">
        <dt>{t.rttWs}</dt>
        <dd>{t.ms(wsRtt)}</dd>
        <dt>{t.rttApp}</dt>
        <dd>{t.ms(appRtt)}</dd>
        <dt>{t.rttHttp}</dt>
        <dd>{t.ms(httpRtt)}</dd>
      </dl>
      {(wsRtt !== undefined || httpRtt !== undefined) && (
        <CostChart
          title={t.rttTitle}
          bars={[
            { label: t.rttWs, value: wsRtt ?? 0, text: t.ms(wsRtt) },
            { label: t.rttHttp, value: httpRtt ?? 0, text: t.ms(httpRtt) },
          ]}
        />
      )}
      {error !== undefined && <p className="inspector-bad">{t.error(error)}</p>}
      <button type="button" className="button-secondary" onClick={() => void measureHttp()}>
        {t.measureAgain}
      </button>
    </section>
  );
}
