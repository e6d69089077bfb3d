/**
 * How a number's commas are read, everywhere a person types or a file brings one: a comma only
 * separates thousands ("1,234,567.5"). "2,5" (a decimal comma, as a semicolon-separated file
 * writes it) and "0,125" match nothing here, so they are refused, never read as 25 or 125.
 *
 * Pure: no Next.js, Prisma or I/O.
 */

/** A number whose commas separate thousands: "1,234,567.5", "-12,000". A group never starts with 0. */
export const THOUSANDS = /^[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?$/;

/** Whether a decimal comma is what the cell holds ("2,5", "-0,25"), to say how to write it. */
export const DECIMAL_COMMA = /^[-+]?\d+,\d+$/;
