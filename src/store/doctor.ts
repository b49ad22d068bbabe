import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { emptyState } from '../core/types.js';
import { Failure } from '../errors.js';
import { withLock } from './lock.js';
import { migrateState, NewerStateError } from './migrate.js';
import type { StorePaths } from './paths.js';
import { readRaw } from './read-state.js';
import { salvageState } from './salvage.js';
import { writeState } from './store.js';
import { findStateProblems } from './validate-state.js';

export type ConfigHealth =
  | { kind: 'missing' }
  | { kind: 'ok' }
  | { kind: 'newer'; version: number }
  | { kind: 'blocked'; problem: string }
  | { kind: 'corrupt'; problems: string[]; parsed: unknown };

export interface Diagnosis {
  paths: StorePaths;
  config: ConfigHealth;
  /** Leftover temporary files from interrupted atomic writes. */
  tempFiles: string[];
  /** Problems with activity.jsonl. */
  logProblems: string[];
}

/** Reads without changing anything, whatever state the directory is in. */
export function diagnose(paths: StorePaths): Diagnosis {
  const raw = readRaw(paths.config);
  let config: ConfigHealth;
  if (raw.kind === 'missing') config = { kind: 'missing' };
  else if (raw.kind === 'unreadable') {
    config = raw.problem.includes('directory')
      ? { kind: 'corrupt', problems: [raw.problem], parsed: undefined }
      : { kind: 'blocked', problem: raw.problem };
  } else config = inspectText(raw.text);
  const tempFiles = listTempFiles(paths);
  const logProblems =
    config.kind === 'ok' ? inspectLog(paths, raw.kind === 'text' ? raw.text : '') : [];
  return { paths, config, tempFiles, logProblems };
}

function inspectText(text: string): ConfigHealth {
  if (text.trim() === '')
    return { kind: 'corrupt', problems: ['the file is empty'], parsed: undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      kind: 'corrupt',
      problems: [`not valid JSON: ${(error as Error).message}`],
      parsed: undefined,
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { kind: 'corrupt', problems: ['the file does not hold a JSON object'], parsed };
  }
  try {
    const migrated = migrateState(parsed as Record<string, unknown>);
    const problems = findStateProblems(migrated);
    return problems.length === 0 ? { kind: 'ok' } : { kind: 'corrupt', problems, parsed: migrated };
  } catch (error) {
    if (error instanceof NewerStateError) return { kind: 'newer', version: error.version };
    throw error;
  }
}

function listTempFiles(paths: StorePaths): string[] {
  try {
    return readdirSync(paths.dir)
      .filter((name) => /^config\.json\.tmp-/.test(name))
      .map((name) => join(paths.dir, name));
  } catch {
    return [];
  }
}

function inspectLog(paths: StorePaths, configText: string): string[] {
  const { log } = JSON.parse(configText) as { log: { bytes: number } };
  if (log.bytes === 0) return [];
  let size: number;
  try {
    size = statSync(paths.log).size;
  } catch {
    return [`${paths.log} is missing, but the state records ${log.bytes} bytes of it`];
  }
  if (size < log.bytes)
    return [`${paths.log} is shorter (${size} bytes) than recorded (${log.bytes})`];
  return [];
}

/** The log mark for a log file whose mark was lost: everything up to its last complete line. */
function logMark(paths: StorePaths): { bytes: number; entries: number } {
  if (!existsSync(paths.log)) return { bytes: 0, entries: 0 };
  const text = readFileSync(paths.log, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  const lines = text
    .slice(0, end)
    .split('\n')
    .filter((l) => l !== '');
  return { bytes: Buffer.byteLength(text.slice(0, end)), entries: lines.length };
}

export interface RepairReport {
  movedTo: string | null;
  kept: number;
  dropped: number;
  removedTempFiles: string[];
}

function asideName(path: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  let candidate = `${path}.corrupt-${stamp}`;
  for (let n = 2; existsSync(candidate); n++) candidate = `${path}.corrupt-${stamp}-${n}`;
  return candidate;
}

/**
 * Sets a damaged config file aside (never deleting it), salvages what still validates, and
 * cleans up leftover temp files. Runs under the lock like any other change.
 */
export async function repair(paths: StorePaths, now: Date): Promise<RepairReport> {
  return withLock(paths, async () => {
    const diagnosis = diagnose(paths);
    const removedTempFiles: string[] = [];
    for (const file of diagnosis.tempFiles) {
      rmSync(file, { force: true });
      removedTempFiles.push(file);
    }
    const { config } = diagnosis;
    if (config.kind === 'newer') {
      throw new Failure(
        `${paths.config} was written by a newer roadmap (schema version ${config.version}); it is not damaged, so it was not repaired.`,
        'Update roadmap to use it.',
      );
    }
    if (config.kind === 'blocked') {
      throw new Failure(
        `${paths.config} can't be repaired here: ${config.problem}.`,
        'Fix the path or its permissions, or choose another with --config-dir.',
      );
    }
    if (config.kind !== 'corrupt') return { movedTo: null, kept: 0, dropped: 0, removedTempFiles };
    const movedTo = asideName(paths.config, now);
    renameSync(paths.config, movedTo);
    const salvage =
      config.parsed === undefined
        ? { state: emptyState(), kept: 0, dropped: 0 }
        : salvageState(config.parsed);
    salvage.state.log = logMark(paths);
    await writeState(paths, salvage.state);
    return { movedTo, kept: salvage.kept, dropped: salvage.dropped, removedTempFiles };
  });
}
