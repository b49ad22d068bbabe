import type { CatalogIndex } from './catalog/catalog-index.js';
import type { CatalogSet } from './load-catalogs.js';
import type { Prompter } from './prompts.js';
import type { Store } from './store/store.js';
import { forStderr } from './ui/color.js';

export interface Output {
  write(text: string): unknown;
}

/** The slice of the world a command may touch. Tests pass fakes. */
export interface Context {
  store: Store;
  /** Every loaded catalog, indexed; loading it warns on stderr about files it couldn't use. */
  catalog: CatalogIndex;
  /** The catalogs of this run with a report on each file, without warnings (doctor, catalog list). */
  catalogs(): CatalogSet;
  /** "Now" for every date computation (ROADMAP_NOW when set). */
  now: Date;
  prompt: Prompter;
  stdout: Output;
  stderr: Output;
  /** stdin and stderr are both terminals, so prompts may be shown. */
  isInteractive: boolean;
  /** The environment the command runs in (which tells, for one, whether a browser can open). */
  env: NodeJS.ProcessEnv;
  /** Opens a web page in the default browser; rejects when no browser could be started. */
  openUrl(url: string): Promise<void>;
}

/** Data for stdout, one line. */
export function print(ctx: Context, text = ''): void {
  ctx.stdout.write(`${text}\n`);
}

/** A message for the person, on stderr. */
export function tell(ctx: Context, text: string): void {
  ctx.stderr.write(`${forStderr(text)}\n`);
}
