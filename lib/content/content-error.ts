/** An error about content files; `problems` are `file: field: message` lines. */
export class ContentError extends Error {
  override name = "ContentError";
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}
