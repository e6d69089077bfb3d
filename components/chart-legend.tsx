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
