import { CostChart } from "../CostChart.js";
import type { ModeResult } from "./compareEnv.js";
import { quantile } from "./compareMessage.js";
import { useCompareFormat } from "./compareFormat.js";
import { CompareTable } from "./CompareTable.js";

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
export function CompareResults({ results }: { results: readonly ModeResult[] }) {
  const { t, format } = useCompareFormat();
  const rows = results.map(figuresOf);
  const bars = (value: (r: (typeof rows)[number]) => number, text: (n: number) => string) =>
    rows.map((r) => ({ label: format.mode(r.mode), value: value(r), text: text(value(r)) }));
  return (
    <>
      <CompareTable
        caption={t("compare.tableCaption")}
        columns={[
          "compare.colMode",
          "compare.colBytes",
          "compare.colHeaders",
          "compare.colRequests",
          "compare.colConnections",
          "compare.colMedian",
          "compare.colP99",
          "compare.colLost",
        ]}
      >
        {rows.map((r) => (
          <tr key={r.mode} data-mode={r.mode}>
            <th scope="row">{format.mode(r.mode)}</th>
            <td>{format.bytes(r.bytes)}</td>
            <td>{format.bytes(r.headerBytes)}</td>
            <td>{format.count(r.requests)}</td>
            <td>{format.count(r.connections)}</td>
            <td>{format.ms(r.medianMs)}</td>
            <td>{format.ms(r.p99Ms)}</td>
            <td>{format.count(r.lost)}</td>
          </tr>
        ))}
      </CompareTable>
      <p className="inspector-note">{t("compare.method")}</p>
      <h4>{t("compare.barsBytes")}</h4>
      <CostChart title={t("compare.barsBytes")} bars={bars((r) => r.bytes, format.bytes)} />
      <h4>{t("compare.barsRequests")}</h4>
      <CostChart title={t("compare.barsRequests")} bars={bars((r) => r.requests, format.count)} />
      <h4>{t("compare.barsLatency")}</h4>
      <CostChart
        title={t("compare.barsLatency")}
        bars={bars(
          (r) => r.medianMs ?? 0,
          (n) => format.ms(n),
        )}
      />
    </>
  );
}
