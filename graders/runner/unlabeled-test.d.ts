/** Types for `import { test, expect } from "unlabeled:test"` in content/assignments/<slug>/public.test.ts. */
declare module "unlabeled:test" {
  export const test: import("./test-api").TestApi["test"];
  export const expect: import("./test-api").TestApi["expect"];
}
