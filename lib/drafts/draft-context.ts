import "server-only";
import type { ServiceContext } from "../context";

export interface DraftContext extends ServiceContext {
  /** The content folder (tests point it at a fixture course). */
  contentDir?: string;
}
