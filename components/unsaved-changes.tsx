"use client";
import { useEffect, useRef } from "react";

/**
 * Guards a form's unsaved changes: while `dirty`, closing or reloading the tab asks the browser's
 * own "Leave site?" (beforeunload), and following a link on the page (a Next.js <Link> in the nav,
 * the form's Cancel, any <a> to another page of the app) asks `message` with window.confirm:
 * Cancel stays, OK leaves. A click the person confirms is let through untouched, so <Link> still
 * navigates client-side. The form's own submit is no link and is never asked about; a save that
 * succeeds clears `dirty` (or navigates with router.push, which no click starts).
 *
 * The links are caught by one click listener on the document in the capture phase, before React's
 * own listener on the root (where <Link> navigates): refused, the click is stopped there. Links
 * that open elsewhere (a new tab, a modifier key, a download), within the page (#field) or off the
 * app's origin as a full load (beforeunload asks then) are left alone.
 *
 * The browser's Back and Forward between the app's pages change the page without unloading it
 * (Next.js renders the other entry in place), so beforeunload does not ask. Where the browser has
 * the Navigation API (Chromium, and Firefox and Safari in their recent versions), such a
 * traversal is asked about the same way and cancelled when refused: the address and the form stay
 * as they were. Where it has not, Back leaves without asking.
 *
 *   useUnsavedChanges(dirty, "Leave this page? Your changes to this use case are not saved.");
 */
export function useUnsavedChanges(dirty: boolean, message: string): void {
  const state = useRef({ dirty, message });
  state.current = { dirty, message };

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!state.current.dirty) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set (they ignore its text).
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      if (!state.current.dirty || event.defaultPrevented) return;
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>("a[href]") : null;
      if (!link || link.hasAttribute("download")) return;
      if (link.target && link.target !== "_self") return;
      const to = new URL(link.href, window.location.href);
      if (to.origin !== window.location.origin) return;
      const here = window.location;
      if (to.pathname === here.pathname && to.search === here.search && to.hash) return;
      if (window.confirm(state.current.message)) {
        // Leaving: a link that loads the page in full must not ask a second time.
        state.current.dirty = false;
        return;
      }
      event.preventDefault();
      event.stopPropagation();
    };
    const onNavigate = (event: TraversalEvent) => {
      if (!state.current.dirty || event.navigationType !== "traverse" || !event.cancelable || !event.destination.sameDocument) return;
      if (window.confirm(state.current.message)) {
        state.current.dirty = false;
        return;
      }
      event.preventDefault();
    };
    const navigation = (window as unknown as { navigation?: EventTarget }).navigation;
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    navigation?.addEventListener("navigate", onNavigate as unknown as EventListener);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
      navigation?.removeEventListener("navigate", onNavigate as unknown as EventListener);
    };
  }, []);
}

/** What this guard reads of the Navigation API's NavigateEvent (not yet in TypeScript's DOM types). */
type TraversalEvent = Event & { navigationType: "push" | "replace" | "reload" | "traverse"; destination: { sameDocument: boolean } };
