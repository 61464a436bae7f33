/** The tasks a check may name. A new kind of untrusted work (e.g. training a model) adds a file and a line here. */
import { callTask } from "./call";
import { callInspectTask } from "./call-inspect";
import { causalAttentionTask } from "./causal-attention";
import { publicTestsTask } from "./public-tests";
import { residualBlockTask } from "./residual-block";
import { autoencoderTask } from "./autoencoder";
import { valueAndGradsTask } from "./value-and-grads";
import { clipTrainTask } from "./clip-train";
import type { Task } from "./types";

export const TASKS: Record<string, Task> = {
  call: callTask,
  "call-inspect": callInspectTask,
  "causal-attention": causalAttentionTask,
  "public-tests": publicTestsTask,
  "residual-block": residualBlockTask,
  autoencoder: autoencoderTask,
  "value-and-grads": valueAndGradsTask,
  "clip-train": clipTrainTask,
};
