/** A scaffold: relative path → file text. */
export type AssignmentTemplate = Record<string, string>;
