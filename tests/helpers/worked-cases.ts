/** The worked cases of ../shared/acceptance (vignettes.json and vignettes-v2.json), read at test time. */
import { readFileSync } from "node:fs";
import type { Approach } from "../../lib/domain/assessment";
import { sourcePath } from "./source-files";

export interface WorkedCase {
  id: string;
  file: string;
  chosen?: Approach;
  answers: Record<string, unknown>;
  expect: { consensus?: Approach | null; consensusNot?: Approach | Approach[]; flags?: string[]; evidence?: string };
}

export const WORKED_CASE_FILES = ["vignettes.json", "vignettes-v2.json"] as const;

export const WORKED_CASES: WorkedCase[] = WORKED_CASE_FILES.flatMap((file) =>
  (JSON.parse(readFileSync(sourcePath("acceptance", file), "utf8")) as { cases: Omit<WorkedCase, "file">[] }).cases.map((c) => ({ ...c, file })),
);
