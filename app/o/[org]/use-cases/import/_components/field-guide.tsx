import { IMPORT_FIELDS } from "@/lib/domain/import";

/** Every column the import takes, what it accepts and its allowed values; a server component. */
export function FieldGuide() {
  return (
    <section aria-labelledby="field-guide-heading" className="mt-12">
      <details className="rounded-lg border border-zinc-200 bg-white">
        <summary className="cursor-pointer px-4 py-3">
          <h2 id="field-guide-heading" className="inline text-base font-semibold text-zinc-900">
            Field guide: the columns and their allowed values
          </h2>
        </summary>
        <div className="relative overflow-x-auto border-t border-zinc-200">
          <table className="min-w-full divide-y divide-zinc-200 text-sm">
            <thead className="bg-zinc-50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Column</th>
                <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Field</th>
                <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Takes</th>
                <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Allowed values</th>
                <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Example</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {IMPORT_FIELDS.map((f) => (
                <tr key={f.key} className="align-top">
                  <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-medium text-zinc-900">
                    {f.key}
                    {f.required && <span className="ml-1 font-sans text-red-700">(required)</span>}
                  </th>
                  <td className="px-3 py-2">
                    {f.label}
                    <span className="block text-xs text-zinc-500">{f.help}</span>
                  </td>
                  <td className="px-3 py-2 text-zinc-700">{f.format}</td>
                  <td className="px-3 py-2">
                    {f.options ? (
                      <ul className="space-y-0.5">
                        {f.options.map((o) => (
                          <li key={o.value}>
                            <code className="text-xs">{o.value}</code>
                            {o.label.toLowerCase() !== o.value.toLowerCase() && <span className="text-zinc-500"> ({o.label})</span>}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="text-zinc-500">—</span>
                    )}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{f.example || <span className="font-sans text-zinc-500">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
