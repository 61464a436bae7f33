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
import { CausalMaskDiagram, EncoderDecoderDiagram, MaskedLmDiagram, NextWordDiagram, SentencePairDiagram } from "./diagrams/language-diagrams";
import { AutoencoderDiagram, BackboneHeadDiagram, EncoderDiagram, FeatureSpaceDiagram } from "./diagrams/model-diagrams";
import { ClipDiagram, LocalVsGlobalDiagram, PatchEmbeddingDiagram, ResidualBlockDiagram, ZeroShotDiagram } from "./diagrams/vision-diagrams";
import { Figure } from "./figure";
import { MdxLink } from "./mdx-link";
import { Answer, Question, SelfCheck } from "./self-check";
import { AttentionHeatmap } from "../demos/attention-heatmap";
import { AugmentationPreview } from "../demos/augmentation-preview";
import { BigramSampler } from "../demos/bigram-sampler";
import { ContrastiveBatch } from "../demos/contrastive-batch";
import { MaskingPlayground } from "../demos/masking-playground";
import { OverfittingCurves } from "../demos/overfitting-curves";
import { PatchSequence } from "../demos/patch-sequence";
import { SkipGradients } from "../demos/skip-gradients";

export const diagrams = {
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
  MaskedLmDiagram,
  NextWordDiagram,
  PatchEmbeddingDiagram,
  PretextDiagram,
  ResidualBlockDiagram,
  SentencePairDiagram,
  TensorShapesDiagram,
  ZeroShotDiagram,
};

/** Live TF.js demos; each renders a [data-demo] element whose data-state becomes "ready". */
export const demos = {
  AttentionHeatmap,
  AugmentationPreview,
  BigramSampler,
  ContrastiveBatch,
  MaskingPlayground,
  OverfittingCurves,
  PatchSequence,
  SkipGradients,
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
