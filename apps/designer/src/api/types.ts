import type { ScenarioDocument, ScenarioKind } from '@ivr/scenario-schema';

export type Role = 'admin' | 'scheduler' | 'viewer';

export interface User {
  id: string;
  username: string;
  role: Role;
}

export interface LoginResponse {
  token: string;
  user: User;
}

export interface ScenarioSummary {
  id: string;
  name: string;
  kind: ScenarioKind;
  liveVersion: number | null;
  revision: number;
  updatedAt: string;
  updatedBy?: string | null;
}

export interface ScenarioDetail {
  id: string;
  name: string;
  kind: ScenarioKind;
  revision: number;
  liveVersion: number | null;
  document: ScenarioDocument;
  updatedAt: string;
}

export interface DraftConflict {
  message: string;
  currentRevision: number;
  document: ScenarioDocument;
}

export interface Diagnostic {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  nodeId?: string;
  path: string;
}

export interface PublishedVersion {
  version: number;
  note: string;
  publishedBy: string;
  publishedAt: string;
  checksum: string;
  live: boolean;
}

export interface VersionDetail extends PublishedVersion {
  document: ScenarioDocument;
}

export interface ScenarioDiff {
  added: string[];
  removed: string[];
  changed: { nodeId: string; paths: string[] }[];
  meta: unknown[];
}

export interface Sample {
  name: string;
  title: string;
  /** The kind of the sample's entry scenario. */
  kind: ScenarioKind;
  scenarios: { id: string; name: string; kind: ScenarioKind; file: string }[];
}

/** What an import (file or sample) did, scenario by scenario. */
export interface ImportResult {
  imported: { id: string; created: boolean; revision: number }[];
}
