/**
 * Every component a lesson or assignment README may use, in one map. Styles live in mdx.css and
 * components/demos/demos.css, imported by the pages that render MDX (not here, so `course check` can render
 * lessons in plain Node).
 */
import type { MDXComponents } from "mdx/types";
import { AssignmentLink } from "./assignment-link";
import { Callout } from "./callout";
import { AnnotationCostDiagram, PretextDiagram, TensorShapesDiagram } from "./diagrams/basics-diagrams";
import { AugmentationDiagram, GeneralizationGapDiagram } from "./diagrams/data-diagrams";
import {
  CausalMaskDiagram,
  EncoderDecoderDiagram,
  MaskedLmDiagram,
  NextWordDiagram,
  SentencePairDiagram,
} from "./diagrams/language-diagrams";
import {
  AutoencoderDiagram,
  BackboneHeadDiagram,
  EncoderDiagram,
  FeatureSpaceDiagram,
} from "./diagrams/model-diagrams";
import {
  ClipDiagram,
  LocalVsGlobalDiagram,
  PatchEmbeddingDiagram,
  ResidualBlockDiagram,
  ZeroShotDiagram,
} from "./diagrams/vision-diagrams";
import { AdaptationRecipesDiagram, MaeDiagram, SimclrDiagram } from "./diagrams/ssl-vision-diagrams";
import { Figure } from "./figure";
import { MdxLink } from "./mdx-link";
import { Answer, Question, SelfCheck } from "./self-check";
import { AdaptationBudget } from "../demos/adaptation-budget";
import { AnnotationCostCalculator } from "../demos/annotation-cost-calculator";
import { AttentionHeatmap } from "../demos/attention-heatmap";
import { BackboneProbe } from "../demos/backbone-probe";
import { AugmentationPreview } from "../demos/augmentation-preview";
import { BigramSampler } from "../demos/bigram-sampler";
import { BottleneckExplorer } from "../demos/bottleneck-explorer";
import { BroadcastExplorer } from "../demos/broadcast-explorer";
import { ContrastiveBatch } from "../demos/contrastive-batch";
import { EncoderShapeTracer } from "../demos/encoder-shape-tracer";
import { MaeMasking } from "../demos/mae-masking";
import { MaskingPlayground } from "../demos/masking-playground";
import { NearestNeighbours } from "../demos/nearest-neighbours";
import { NspTopicShortcut } from "../demos/nsp-topic-shortcut";
import { NtXentViews } from "../demos/nt-xent-views";
import { OverfittingCurves } from "../demos/overfitting-curves";
import { PatchSequence } from "../demos/patch-sequence";
import { RotationPretext } from "../demos/rotation-pretext";
import { SkipGradients } from "../demos/skip-gradients";
import { SpanCorruptionPlayground } from "../demos/span-corruption-playground";
import { TokeniserComparison } from "../demos/tokeniser-comparison";

export const diagrams = {
  AdaptationRecipesDiagram,
  AnnotationCostDiagram,
  AugmentationDiagram,
  AutoencoderDiagram,
  BackboneHeadDiagram,
  CausalMaskDiagram,
  ClipDiagram,
  EncoderDecoderDiagram,
  EncoderDiagram,
  FeatureSpaceDiagram,
  GeneralizationGapDiagram,
  LocalVsGlobalDiagram,
  MaeDiagram,
  MaskedLmDiagram,
  NextWordDiagram,
  PatchEmbeddingDiagram,
  PretextDiagram,
  ResidualBlockDiagram,
  SentencePairDiagram,
  SimclrDiagram,
  TensorShapesDiagram,
  ZeroShotDiagram,
};

/** Live TF.js demos; each renders a [data-demo] element whose data-state becomes "ready". */
export const demos = {
  AdaptationBudget,
  AnnotationCostCalculator,
  AttentionHeatmap,
  AugmentationPreview,
  BackboneProbe,
  BigramSampler,
  BottleneckExplorer,
  BroadcastExplorer,
  ContrastiveBatch,
  EncoderShapeTracer,
  MaeMasking,
  MaskingPlayground,
  NearestNeighbours,
  NspTopicShortcut,
  NtXentViews,
  OverfittingCurves,
  PatchSequence,
  RotationPretext,
  SkipGradients,
  SpanCorruptionPlayground,
  TokeniserComparison,
};

export const mdxComponents = {
  a: MdxLink,
  Answer,
  AssignmentLink,
  Callout,
  Figure,
  Question,
  SelfCheck,
  ...diagrams,
  ...demos,
} satisfies MDXComponents;
