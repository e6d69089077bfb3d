/** The pages' date formats: the domain's own (lib/domain/dates.ts), so a sentence and a page agree. */
export { formatDate, formatDateTime } from "@/lib/domain/dates";
