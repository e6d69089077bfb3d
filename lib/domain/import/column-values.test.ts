import { describe, expect, it } from "vitest";
import { suggestColumnsFromValues } from "./column-values";

const rows = (values: string[]) => values.map((v, i) => ({ cells: [`Case ${i}`, v] }));

describe("a column whose name is ambiguous, suggested by its values", () => {
  it("takes a 'Stage' column of lifecycle values as Status", () => {
    expect(suggestColumnsFromValues(["Title", "Stage"], rows(["Idea", "assessing", "building", "live", "Idea"]))).toEqual({ Title: "title", Stage: "status" });
  });

  it("keeps a 'Stage' column of OMB stages as the governance stage, and leaves it where another column is Status", () => {
    expect(suggestColumnsFromValues(["Title", "Stage"], rows(["Pre-deployment", "Pilot", "Deployed"]))).toEqual({ Title: "title", Stage: "stage" });
    const both = suggestColumnsFromValues(["Title", "Stage", "Status"], [{ cells: ["A", "Idea", "Live"] }]);
    expect(both).toMatchObject({ Stage: "stage", Status: "status" });
  });

  it("keeps the name's suggestion for an empty or unreadable column", () => {
    expect(suggestColumnsFromValues(["Title", "Stage"], rows(["", ""]))).toMatchObject({ Stage: "stage" });
    expect(suggestColumnsFromValues(["Title", "Stage"], rows(["alpha", "beta", "live"]))).toMatchObject({ Stage: "stage" });
  });
});
