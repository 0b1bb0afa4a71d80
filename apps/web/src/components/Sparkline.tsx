/** The SVG path of `values` scaled into a `width` × `height` box (0 at the bottom). */
export function sparklinePath(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return "";
  const max = Math.max(...values, 0);
  const min = Math.min(...values, 0);
  const span = max - min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = i * step;
      const y = height - ((v - min) / span) * height;
      return `${i === 0 ? "M" : "L"}${x.toFixed(1)} ${y.toFixed(1)}`;
    })
    .join(" ");
}

/** A tiny line chart; the numbers it draws are given as text beside it, so it is decorative. */
export function Sparkline({
  values,
  width = 120,
  height = 28,
}: {
  values: readonly number[];
  width?: number;
  height?: number;
}) {
  return (
    <svg
      className="sparkline"
      viewBox={`-1 -1 ${width + 2} ${height + 2}`}
      width={width}
      height={height}
      aria-hidden="true"
      focusable="false"
    >
      <path d={sparklinePath(values, width, height)} />
    </svg>
  );
}
