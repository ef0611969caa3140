/** A cell as the file holds it: XLSX keeps numbers, dates and booleans; CSV only text. */
export type Cell = string | number | boolean | Date | null;
