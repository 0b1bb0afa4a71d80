import { CostChart } from "../CostChart.js";
import type { ModeResult } from "./compareEnv.js";
import { quantile } from "./compareMessage.js";
import type { CompareStrings } from "./compareStrings.js";

/** One row of figures per mode: what the table and the bars show. */
export function figuresOf(result: ModeResult) {
  const { report } = result;
  return {
    mode: result.mode,
    bytes: report.bytesIn + report.bytesOut,
    headerBytes: report.headerBytes,
    requests: report.requests,
    connections: report.connections,
    medianMs: quantile(result.roundTripsMs, 0.5),
    p99Ms: quantile(result.roundTripsMs, 0.99),
    lost: result.lost,
  };
}

/** The modes side by side: a table (the figures) and bars (their proportions). */
export function CompareResults({
  results,
  t,
}: {
  results: readonly ModeResult[];
  t: CompareStrings;
}) {
  const rows = results.map(figuresOf);
  const bars = (value: (r: (typeof rows)[number]) => number, text: (n: number) => string) =>
    rows.map((r) => ({ label: t.modes[r.mode], value: value(r), text: text(value(r)) }));
  return (
    <>
      {/* Focusable, so a keyboard user can scroll a table wider than a phone. */}
      <div className="compare-scroll" tabIndex={0} role="region" aria-label={t.tableCaption}>
        <table className="inspector-kv compare-table">
          <caption>{t.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colMode}</th>
              <th scope="col">{t.colBytes}</th>
              <th scope="col">{t.colHeaders}</th>
              <th scope="col">{t.colRequests}</th>
              <th scope="col">{t.colConnections}</th>
              <th scope="col">{t.colMedian}</th>
              <th scope="col">{t.colP99}</th>
              <th scope="col">{t.colLost}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.mode} data-mode={r.mode}>
                <th scope="row">{t.modes[r.mode]}</th>
                <td>{t.bytes(r.bytes)}</td>
                <td>{t.bytes(r.headerBytes)}</td>
                <td>{t.count(r.requests)}</td>
                <td>{t.count(r.connections)}</td>
                <td>{t.ms(r.medianMs)}</td>
                <td>{t.ms(r.p99Ms)}</td>
                <td>{t.count(r.lost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="inspector-note">{t.method}</p>
      <h4>{t.barsBytes}</h4>
      <CostChart title={t.barsBytes} bars={bars((r) => r.bytes, t.bytes)} />
      <h4>{t.barsRequests}</h4>
      <CostChart title={t.barsRequests} bars={bars((r) => r.requests, t.count)} />
      <h4>{t.barsLatency}</h4>
      <CostChart
        title={t.barsLatency}
        bars={bars(
          (r) => r.medianMs ?? 0,
          (n) => t.ms(n),
        )}
      />
    </>
  );
}
