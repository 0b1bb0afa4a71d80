/** A metric's value in a server's `/metrics` text, optionally of the series with `label` (0 when absent). */
export async function metricValue(httpUrl: string, name: string, label = ""): Promise<number> {
  const text = await (await fetch(`${httpUrl}/metrics`)).text();
  const line = text
    .split("\n")
    .find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && l.includes(label));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}
