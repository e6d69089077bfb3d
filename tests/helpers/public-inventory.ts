/**
 * A public-inventory-shaped CSV file, made up but shaped like the US federal agencies' 2025 AI
 * use-case inventory (35 columns, long answer texts, multi-line cells), with the faults real files
 * carry (issue 15): ids repeated across agencies ("25" at two agencies), ids too long (text in the
 * id column), titles too long and empty, rows without an id, "Unknown" statuses, dates as
 * inventories write them ("Jan-24", "2025", "N/A", "2019.0", 1995), mojibake and a C1 control
 * character, and one row saved as Windows-1252 in an otherwise UTF-8 file. Deterministic.
 * Used by the import's tests, its browser journey and `npm run bench`.
 */
import Papa from "papaparse";
import type { ImportMapping } from "@/lib/domain/import";

export const INVENTORY_HEADERS = [
  "Use Case ID",
  "Agency",
  "Agency Abbreviation",
  "Bureau / Component",
  "Use Case Name",
  "Use Case Topic Area",
  "What is the intended purpose and expected benefits of the AI?",
  "Describe the AI system's outputs.",
  "Stage of Development",
  "Is the AI use case high-impact?",
  "Justification for high-impact determination",
  "Date Initiated",
  "Date Implemented",
  "Date Retired",
  "Was the AI system developed under contract(s) or in-house?",
  "Vendor Name",
  "Does the AI use case involve personally identifiable information (PII)?",
  "Has the SAOP assessed the privacy risks?",
  "Does this AI use case have an associated Authority to Operate (ATO)?",
  "System Name",
  "Has an AI impact assessment been completed?",
  "Has the AI been tested in a real-world context?",
  "Has an independent evaluation been conducted?",
  "Is there a process to monitor performance?",
  "Is there an appeal process?",
  "Is there a process for end-user feedback?",
  "Has the agency established fail-safes?",
  "Does the use case involve custom-developed code?",
  "Is the code open source?",
  "Link to code",
  "Infrastructure",
  "Training data source",
  "Demographic features used",
  "Point of contact office",
  "Notes",
] as const;

/** The mapping a person would choose for it: agency + id as the external id, governance fields mapped, the rest kept. */
export function inventoryMapping(): ImportMapping {
  const columns: ImportMapping["columns"] = Object.fromEntries(INVENTORY_HEADERS.map((h) => [h, ""]));
  Object.assign(columns, {
    "Bureau / Component": "businessUnit",
    "Use Case Name": "title",
    "Use Case Topic Area": "topicArea",
    "What is the intended purpose and expected benefits of the AI?": "description",
    "Stage of Development": "status",
    "Is the AI use case high-impact?": "highImpact",
    "Date Initiated": "startDate",
    "Was the AI system developed under contract(s) or in-house?": "sourcing",
    "Vendor Name": "vendor",
    "Does the AI use case involve personally identifiable information (PII)?": "personalData",
  });
  return { columns, values: {}, externalIdColumns: ["Agency Abbreviation", "Use Case ID"], keepOthers: true, repairText: true };
}

const AGENCIES = [
  ["Department of the Treasury", "TREAS", ["IRS", "Fiscal Service", "OCC"]],
  ["Environmental Protection Agency", "EPA", ["Office of Air", "Office of Water"]],
  ["Department of Homeland Security", "DHS", ["CBP", "TSA", "USCIS", "FEMA"]],
  ["Department of Health and Human Services", "HHS", ["FDA", "CDC", "CMS", "NIH"]],
  ["Department of the Interior", "DOI", ["USGS", "NPS", "BLM"]],
] as const;

const STAGES = [
  "a) Pre-deployment – The use case is in development or acquisition, or is not yet deployed.",
  "b) Pilot – The use case is being piloted with a limited set of users or data.",
  "c) Deployed – The use case is in production and used in operations.",
  "d) Retired – The use case is no longer in use.",
];
const HIGH_IMPACT = ["High-impact", "Not high-impact", "Presumed high-impact, but determined not high-impact"];
const SOURCING = ["Developed with contracting resources.", "Developed in-house.", "Developed with both contracting and in-house resources."];
const TOPICS = ["Mission-Enabling", "Health & Medical", "Law & Justice", "Energy & the Environment", "Government Services"];
const TASKS = ["document classification", "call summarization", "fraud detection", "image triage", "forecasting", "translation", "entity matching", "chat assistant"];
const DATES = ["2023-05-01", "Jan-24", "2025", "N/A", "2019.0", "1995-06-01", "3/15/2022", "Apr 2020", ""];

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface InventoryFile {
  headers: string[];
  rows: string[][];
  /** The file's bytes: UTF-8, except `cp1252Row` written as Windows-1252. */
  bytes: Uint8Array;
  /** Spreadsheet row numbers (header = 1) of each planted fault. */
  faults: {
    longId: number[];
    longTitle: number[];
    emptyTitle: number[];
    noId: number[];
    unknownStatus: number[];
    mojibake: number[];
    control: number[];
    cp1252Row: number;
    repeatedIds: number[];
    /** Date cells with a day and a month but no year ("20-Apr"): refused, never read as a year. */
    noYear: number[];
  };
}

function windows1252(text: string): Uint8Array {
  const extras: Record<string, number> = { "–": 0x96, "—": 0x97, "’": 0x92, "‘": 0x91, "“": 0x93, "”": 0x94, "€": 0x80 };
  return Uint8Array.from([...text].map((c) => {
    const code = extras[c] ?? c.charCodeAt(0);
    if (code > 0xff) throw new Error(`not in windows-1252: ${c}`);
    return code;
  }));
}

/** `count` data rows (default 3,408, the 2025 federal inventory's size). */
export function publicInventory(count = 3_408, seed = 15): InventoryFile {
  const rand = rng(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const faults: InventoryFile["faults"] = { longId: [], longTitle: [], emptyTitle: [], noId: [], unknownStatus: [], mojibake: [], control: [], cp1252Row: 0, repeatedIds: [], noYear: [] };
  const rows: string[][] = [];
  const perAgency = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const rowNumber = i + 2;
    const [agency, abbr, bureaus] = AGENCIES[i % AGENCIES.length]!;
    const n = (perAgency.get(abbr) ?? 0) + 1;
    perAgency.set(abbr, n);
    // every agency numbers its own use cases: "25" exists at each of them
    let id = String(n);
    if (n === 25) faults.repeatedIds.push(rowNumber);
    const task = pick(TASKS);
    let title = `${bureaus[n % bureaus.length]} ${task} ${n}`;
    let description = `Uses AI for ${task} in ${agency}.`;
    let stage = STAGES[n % STAGES.length]!;
    if (i % 97 === 5) {
      id = "";
      faults.noId.push(rowNumber);
    }
    if (i % 211 === 7) {
      id = `This use case is tracked in the agency's internal portfolio system under the program office for ${task} and has no separate number ${n}`;
      faults.longId.push(rowNumber);
    }
    if (i % 487 === 11) {
      title = `${task} `.repeat(30).trim();
      faults.longTitle.push(rowNumber);
    }
    if (i === 13) {
      title = "";
      faults.emptyTitle.push(rowNumber);
    }
    if (i % 53 === 3) {
      stage = "Unknown";
      faults.unknownStatus.push(rowNumber);
    }
    if (i % 301 === 17) {
      description = `The FBIâ€™s partners use it for ${task}.`;
      faults.mojibake.push(rowNumber);
    }
    if (i % 307 === 19) {
      description = `The agency\u0092s ${task} tool.`;
      faults.control.push(rowNumber);
    }
    let started = DATES[i % DATES.length]!;
    if (i % 199 === 23) {
      // a spreadsheet's day-month format: the 20th of April, of a year the cell does not hold
      started = "20-Apr";
      faults.noYear.push(rowNumber);
    }
    if (i % 9 === 4) description += `\nSecond paragraph: outputs are reviewed by staff.\nThird line.`;
    rows.push([
      id,
      agency,
      abbr,
      bureaus[n % bureaus.length]!,
      title,
      pick(TOPICS),
      description,
      `Scores and summaries for ${task}.`,
      stage,
      pick(HIGH_IMPACT),
      n % 4 === 0 ? "The AI output is a principal basis for decisions affecting the public." : "",
      started,
      i % 3 === 0 ? "2024-09-30" : "",
      "",
      SOURCING[n % 3]!,
      n % 3 === 1 ? "" : pick(["Acme Analytics", "Palantir", "Microsoft", "Booz Allen Hamilton"]),
      pick(["Yes", "No"]),
      pick(["Yes", "No", "N/A"]),
      pick(["Yes", "No"]),
      `${abbr}-SYS-${n % 40}`,
      pick(["Yes", "No", "In progress"]),
      pick(["Yes", "No"]),
      pick(["Yes", "No"]),
      pick(["Yes – monitored monthly", "No"]),
      pick(["Yes", "No", "N/A"]),
      pick(["Yes", "No"]),
      pick(["Yes", "No"]),
      pick(["Yes", "No"]),
      pick(["Yes", "No"]),
      n % 5 === 0 ? `https://code.example.gov/${abbr.toLowerCase()}/${n}` : "",
      pick(["Cloud", "On-premises", "Hybrid"]),
      pick(["Agency records", "Public data", "Vendor-provided"]),
      pick(["None", "Age", "None used"]),
      `${abbr} Office of the CIO`,
      n % 7 === 0 ? "Reviewed in the 2025 cycle." : "",
    ]);
  }
  // one row pasted from an old spreadsheet: saved as Windows-1252 inside a UTF-8 file
  const cpIndex = Math.min(40, count - 1);
  faults.cp1252Row = cpIndex + 2;
  rows[cpIndex]![6] = "Résumé screening – the agency’s pilot.";

  const line = (cells: readonly string[]) => Papa.unparse([cells as string[]], { newline: "\r\n" }) + "\r\n";
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [enc.encode(line(INVENTORY_HEADERS))];
  rows.forEach((r, i) => parts.push(i === cpIndex ? windows1252(line(r)) : enc.encode(line(r))));
  const bytes = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { headers: [...INVENTORY_HEADERS], rows, bytes, faults };
}
