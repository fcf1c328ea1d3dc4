import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A code with its Japanese and English names (server/data/coe/*.json; server/data/README.md says where they come from). */
export interface NamedCode {
  code: string;
  ja: string;
  en: string;
}

const DATA_DIR = path.resolve(import.meta.dirname, '../../../data/coe');

function load(file: string, key: string): ReadonlyMap<string, NamedCode> {
  const parsed = JSON.parse(readFileSync(path.join(DATA_DIR, file), 'utf8')) as Record<string, NamedCode[]>;
  return new Map(parsed[key].map((entry) => [entry.code, Object.freeze(entry)]));
}

/** The statuses of residence a COE is issued for, by code (e.g. ENGINEER_HUMANITIES_INTL 技術・人文知識・国際業務). */
export const STATUSES_OF_RESIDENCE = load('statuses-of-residence.json', 'statuses');

/** Nationalities by ISO 3166-1 alpha-3 code. */
export const NATIONALITIES = load('nationalities.json', 'nationalities');
