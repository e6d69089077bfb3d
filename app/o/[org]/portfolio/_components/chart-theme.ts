import type { Approach } from "@/lib/domain/assessment";

/** Colours that stay apart on a projector and for the common colour-vision deficiencies. */
export const APPROACH_COLORS: Record<Approach, string> = {
  RAG: "#1d4ed8",
  FINE_TUNING: "#c2410c",
  HYBRID: "#047857",
  PROMPTING: "#7c3aed",
  AGENT: "#be185d",
  PIPELINE: "#a16207",
  FEEDBACK_LEARNING: "#0e7490",
};

export const AXIS_TICK = { fontSize: 14, fill: "#3f3f46" };
