import chalk from 'chalk';
import { type Context, print, tell } from '../context.js';
import { Failure } from '../errors.js';
import { type Diagnosis, diagnose, repair } from '../store/doctor.js';
import { newLogId } from '../store/store.js';
import { clean, toSafeJson } from '../ui/sanitize.js';
import { plural } from '../ui/text.js';

/** `doctor --json`. */
export interface DoctorJson {
  configPath: string;
  config: string;
  problems: string[];
  tempFiles: string[];
}

function findProblems(d: Diagnosis): string[] {
  const problems: string[] = [];
  const { config } = d;
  if (config.kind === 'newer') {
    problems.push(
      `${d.paths.config} was written by a newer roadmap (schema version ${config.version}); it is not damaged: update roadmap to use it.`,
    );
  } else if (config.kind === 'blocked') {
    problems.push(`${d.paths.config} can't be read: ${config.problem}.`);
  } else if (config.kind === 'corrupt') {
    for (const problem of config.problems) problems.push(`${d.paths.config}: ${problem}`);
  }
  for (const file of d.tempFiles)
    problems.push(`leftover temp file from an interrupted write: ${file}`);
  if (d.strayLock) {
    problems.push(
      `a file is where the lock directory goes, so no change can be made: ${d.paths.lock}`,
    );
  }
  problems.push(...d.logProblems);
  return problems;
}

async function runRepair(ctx: Context): Promise<void> {
  const { paths } = ctx.store;
  const report = await repair(paths, ctx.now, () => newLogId());
  for (const file of report.removedTempFiles)
    tell(ctx, `Removed leftover temp file ${clean(file)}.`);
  if (report.method === 'nothing') {
    print(ctx, `No roadmap file yet (${clean(paths.config)}); nothing to repair.`);
    return;
  }
  if (report.method === 'log') {
    const where = report.movedTo ? ` The damaged log is kept at ${clean(report.movedTo)}.` : '';
    print(ctx, `Started a new activity log from your current state.${where}`);
    tell(ctx, '`roadmap undo` does not reach back past a repair.');
    return;
  }
  if (report.movedTo === null) {
    print(ctx, `${clean(paths.config)} is valid; it was left as it is.`);
    return;
  }
  print(ctx, `Moved the damaged file to ${clean(report.movedTo)} (kept, not deleted).`);
  if (report.method === 'salvaged') {
    print(
      ctx,
      `Wrote a new ${clean(paths.config)}: kept ${report.kept} entries, dropped ${report.dropped.length}.`,
    );
    for (const place of report.dropped) print(ctx, `    dropped ${clean(place)}`);
  } else if (report.method === 'replayed') {
    print(
      ctx,
      `Rebuilt ${clean(paths.config)} from the activity log (${plural(report.replayed, 'entry', 'entries')}).`,
    );
  } else {
    print(
      ctx,
      `Started a fresh ${clean(paths.config)}: the old one isn't JSON, and there is no activity log to rebuild it from.`,
    );
  }
  tell(
    ctx,
    'Check the result with `roadmap status`. `roadmap undo` does not reach back past a repair.',
  );
}

export async function doctor(
  options: { repair?: boolean; json?: boolean },
  ctx: Context,
): Promise<void> {
  if (options.repair) return runRepair(ctx);
  const { paths } = ctx.store;
  const d = diagnose(paths);
  const problems = findProblems(d);
  if (options.json) {
    const data: DoctorJson = {
      configPath: paths.config,
      config: d.config.kind,
      problems,
      tempFiles: d.tempFiles,
    };
    print(ctx, toSafeJson(data));
  } else {
    print(ctx, `Config directory: ${clean(paths.dir)}`);
    if (d.config.kind === 'missing') {
      print(
        ctx,
        `${chalk.green('✓')} No roadmap file yet (${clean(paths.config)}); the first change creates it.`,
      );
    } else if (d.config.kind === 'ok') {
      print(ctx, `${chalk.green('✓')} ${clean(paths.config)} is valid.`);
    }
    for (const problem of problems) print(ctx, `${chalk.red('✗')} ${clean(problem)}`);
  }
  if (problems.length === 0) return;
  const repairable =
    d.config.kind === 'corrupt' ||
    d.tempFiles.length > 0 ||
    d.logProblems.length > 0 ||
    d.strayLock;
  throw new Failure(
    `roadmap doctor found ${plural(problems.length, 'problem')}.`,
    repairable
      ? 'Run `roadmap doctor --repair`: it sets the damaged file aside (kept) and salvages what it can.'
      : undefined,
  );
}
