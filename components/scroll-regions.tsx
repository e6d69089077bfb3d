"use client";
import { useEffect } from "react";

/**
 * Makes each box in `main` that scrolls sideways (Tailwind's `overflow-x-auto`: the wide tables of
 * a narrow screen) reachable from the keyboard while it does overflow: focusable (tabindex 0), a
 * region named by its table's caption, so the arrow keys can scroll it (WCAG 2.1.1; axe's
 * "scrollable-region-focusable"). A box that fits, or one holding something focusable already (a
 * link, a field), is left alone, so a wide screen gains no empty tab stops. Checked again when the
 * page's content or the window's size changes. Mounted once, in the organization's layout.
 */
export function ScrollRegions() {
  useEffect(() => {
    const main = document.getElementById("main");
    if (!main) return;
    let frame = 0;
    const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]:not([data-scroll-region])";
    const check = () => {
      frame = 0;
      for (const box of main.querySelectorAll<HTMLElement>(".overflow-x-auto")) {
        const overflows = box.scrollWidth > box.clientWidth + 1 && !box.querySelector(FOCUSABLE);
        const ours = box.hasAttribute("data-scroll-region");
        if (overflows && !ours && !box.hasAttribute("tabindex")) {
          const caption = box.querySelector("caption")?.textContent?.trim();
          box.setAttribute("tabindex", "0");
          box.setAttribute("data-scroll-region", "");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", caption ? `${caption} (scrolls sideways)` : "Table (scrolls sideways)");
        } else if (!overflows && ours) {
          for (const a of ["tabindex", "data-scroll-region", "role", "aria-label"]) box.removeAttribute(a);
        }
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(check);
    };
    schedule();
    const mutations = new MutationObserver(schedule);
    mutations.observe(main, { childList: true, subtree: true });
    window.addEventListener("resize", schedule);
    return () => {
      mutations.disconnect();
      window.removeEventListener("resize", schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);
  return null;
}
