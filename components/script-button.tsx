"use client";
import { useEffect, useState, type ComponentProps } from "react";

/**
 * False in the server's HTML and until the page's script has run, true after. A button that acts
 * only through the page's script (an onClick, not a form's action) does nothing before then.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * A button whose click is handled by the page's script, disabled until that script has run: on a
 * slow page a click never silently does nothing, and a browser test's click waits for it.
 */
export function ScriptButton({ disabled, type = "button", ...rest }: ComponentProps<"button">) {
  const hydrated = useHydrated();
  return <button type={type} disabled={!hydrated || disabled} {...rest} />;
}
