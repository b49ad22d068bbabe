import chalk from 'chalk';
import { type Context, print, tell } from '../context.js';
import { Failure } from '../errors.js';
import { diagnose, repair } from '../store/doctor.js';
import { clean } from '../ui/sanitize.js';

export async function doctor(options: { repair?: boolean }, ctx: Context): Promise<void> {
  const { paths } = ctx.store;
  if (options.repair) {
    const report = await repair(paths, ctx.now);
    for (const file of report.removedTempFiles)
      tell(ctx, `Removed leftover temp file ${clean(file)}`);
    if (report.movedTo === null) {
      print(ctx, `${clean(paths.config)} is healthy; nothing to repair.`);
      return;
    }
    print(ctx, `Moved the damaged file to ${clean(report.movedTo)} (kept, not deleted).`);
    print(
      ctx,
      `Wrote a new ${clean(paths.config)}: kept ${report.kept} entries, dropped ${report.dropped}.`,
    );
    return;
  }
  const d = diagnose(paths);
  print(ctx, `Config directory: ${clean(paths.dir)}`);
  const problems: string[] = [];
  const details: string[] = [];
  switch (d.config.kind) {
    case 'missing':
      print(
        ctx,
        `${chalk.green('✓')} No roadmap file yet (${clean(paths.config)}); it is created by the first change.`,
      );
      break;
    case 'ok':
      print(ctx, `${chalk.green('✓')} ${clean(paths.config)} is valid.`);
      break;
    case 'newer':
      problems.push(
        `${paths.config} was written by a newer roadmap (schema version ${d.config.version}). Update roadmap to use it; it is not damaged.`,
      );
      break;
    case 'blocked':
      problems.push(`${paths.config} can't be read: ${d.config.problem}.`);
      break;
    case 'corrupt':
      problems.push(`${paths.config} is damaged:`);
      details.push(...d.config.problems.slice(0, 20));
      break;
  }
  for (const file of d.tempFiles)
    problems.push(`leftover temp file from an interrupted write: ${file}`);
  problems.push(...d.logProblems);
  for (const problem of problems) print(ctx, `${chalk.red('✗')} ${clean(problem)}`);
  for (const detail of details) print(ctx, `    ${clean(detail)}`);
  if (problems.length > 0) {
    throw new Failure(
      `roadmap doctor found ${problems.length} problem${problems.length === 1 ? '' : 's'}.`,
      d.config.kind === 'corrupt' || d.tempFiles.length > 0
        ? 'Run `roadmap doctor --repair`: it sets the damaged file aside (kept) and salvages what it can.'
        : undefined,
    );
  }
}
