import chalk from 'chalk';

/**
 * A progress bar: done (█), skipped (▓), still to do (░). The characters differ, so it reads
 * without colour too.
 */
export function bar(done: number, skipped: number, total: number, width: number): string {
  if (total === 0) return chalk.dim('░'.repeat(width));
  const doneCells = Math.round((done / total) * width);
  const skippedCells = Math.min(
    width - doneCells,
    Math.round(((done + skipped) / total) * width) - doneCells,
  );
  const rest = width - doneCells - skippedCells;
  return (
    chalk.green('█'.repeat(doneCells)) +
    chalk.yellow('▓'.repeat(skippedCells)) +
    chalk.dim('░'.repeat(rest))
  );
}
