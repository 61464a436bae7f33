/**
 * The slice of monaco-editor 0.57 the workspace uses: the editor with all its standard features (find, suggest,
 * hover, folding, diff editor, …), TypeScript syntax and the TypeScript language service, and no other language.
 * It is monaco-editor's own index (esm/vs/index.js) minus the other languages, so the chunk stays smaller than
 * `import "monaco-editor"`. Browser-only: load it with a dynamic import from client code.
 */
import "monaco-editor/features/register.all.js";
import "monaco-editor/languages/definitions/typescript/register.js";
export * as typescript from "monaco-editor/languages/features/typescript/register.js";
export * from "monaco-editor/editor/editor.api.js";
