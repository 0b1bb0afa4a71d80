import { useT } from "../i18n/useT.js";

export interface Bar {
  label: string;
  value: number;
  /** How the value is printed at the end of the bar. */
  text: string;
}

const WIDTH = 320;
const BAR_HEIGHT = 16;
const GAP = 22;
const LABEL_WIDTH = 0;

/** Horizontal bars on a shared scale, as inline SVG (no chart library for two bars). */
export function CostChart({ bars, title }: { bars: readonly Bar[]; title: string }) {
  const t = useT();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * (BAR_HEIGHT + GAP);
  return (
    <svg
      className="inspector-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={`${t("inspector.chartLabel")}: ${title}`}
    >
      {bars.map((bar, i) => {
        const y = i * (BAR_HEIGHT + GAP);
        const width = Math.max(1, ((WIDTH - LABEL_WIDTH - 90) * bar.value) / max);
        return (
          <g key={bar.label}>
            <text x={0} y={y + 11} className="inspector-chart-label">
              {bar.label}
            </text>
            <rect
              x={LABEL_WIDTH}
              y={y + 14}
              width={width}
              height={BAR_HEIGHT - 4}
              rx={3}
              className={`inspector-chart-bar inspector-chart-bar-${i}`}
            />
            <text x={LABEL_WIDTH + width + 6} y={y + 24} className="inspector-chart-value">
              {bar.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
