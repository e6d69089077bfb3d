/** The action's return value from a server action response (React flight rows "<id>:<json>"). */
export function actionResult(text: string): { ok: boolean; code?: string; message?: string; data?: { version?: number } } | null {
  for (const line of text.split("\n")) {
    const m = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!m) continue;
    try {
      const v = JSON.parse(m[1]!) as Record<string, unknown>;
      if (typeof v.ok === "boolean") return v as never;
    } catch {
      // another row
    }
  }
  return null;
}
