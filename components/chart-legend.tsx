/** A chart's legend as HTML, in groups (categories apart from totals); read by screen readers too. */
export function ChartLegend({ groups }: { groups: { title: string; items: { label: string; color: string; thin?: boolean }[] }[] }) {
  return (
    <div className="mt-2 flex flex-wrap gap-x-8 gap-y-2 text-sm text-zinc-700" data-testid="chart-legend">
      {groups
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <div key={g.title} className="min-w-0">
            <p className="font-medium text-zinc-900">{g.title}</p>
            <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              {g.items.map((it) => (
                <li key={it.label} className="flex items-center gap-1.5">
                  <span aria-hidden="true" className={`inline-block h-3 rounded-sm ${it.thin ? "w-1.5" : "w-3"}`} style={{ backgroundColor: it.color }} />
                  {it.label}
                </li>
              ))}
            </ul>
          </div>
        ))}
    </div>
  );
}

/**
 * The shape of a low–high range bar in a recharts bar chart: a thin vertical line with caps,
 * centred in the slot recharts gives the bar, so the range reads as a whisker beside the stack
 * rather than as one more bar as wide (and taller) than it.
 */
export function RangeWhisker(props: { x?: number | string; y?: number | string; width?: number | string; height?: number | string; fill?: string }) {
  const x = Number(props.x ?? 0);
  const y = Number(props.y ?? 0);
  const w = Number(props.width ?? 0);
  const h = Number(props.height ?? 0);
  if (!(h > 0) || !(w > 0)) return <g />;
  const mid = x + w / 2;
  const cap = Math.min(10, w);
  const color = props.fill ?? "#52525b";
  return (
    <g>
      <rect x={mid - 1.5} y={y} width={3} height={h} fill={color} />
      <rect x={mid - cap / 2} y={y} width={cap} height={2} fill={color} />
      <rect x={mid - cap / 2} y={y + h - 2} width={cap} height={2} fill={color} />
    </g>
  );
}
