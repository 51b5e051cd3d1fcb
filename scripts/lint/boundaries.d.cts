/** Types of boundaries.cjs, for the TypeScript that imports it (its test). */
import type { ESLint, Linter } from 'eslint';

export interface Layer {
  layer: string;
  may: string[];
  packages?: { only?: string[]; refuse?: string[]; typeOnly?: string[] };
  why: string;
}

export interface Problem {
  messageId: 'crossing' | 'package' | 'typeOnly' | 'alias' | 'tooDeep';
  data: Record<string, string>;
}

export declare const LAYERS: Layer[];
export declare const TEST_SUPPORT: string[];
export declare const boundaryConfigs: Linter.Config[];
export declare const plugin: ESLint.Plugin;
/** The problem with importing `spec` from the repository-relative file `fileRel`, or null. */
export declare function check(fileRel: string, spec: string, typeOnly: boolean): Problem | null;
