import type { Context } from '../context.js';
import { type NoBrowserReason, webUrl, whyNoBrowser } from '../core/open-url.js';
import { Failure } from '../errors.js';

/** `open --json`. `reason` is null when the page was opened. */
export interface OpenJson {
  url: string;
  opened: boolean;
  reason: NoBrowserReason | 'failed' | null;
}

const WHY: Record<NoBrowserReason, string> = {
  'browser-none': 'BROWSER is set to none',
  ci: 'CI is set, so nobody is at a browser to see it',
  ssh: 'this is an SSH session, so a browser would start on the other machine, if at all',
  'no-display': 'there is no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set)',
};

interface Outcome {
  json: OpenJson;
  /** Why it wasn't opened, for people; null when it was. */
  why: string | null;
}

/** Opens a module's page when a browser can show it. Shared by `open` and `next --open`. */
export async function openPage(ctx: Context, url: string): Promise<Outcome> {
  const page = webUrl(url);
  if (page === null) {
    throw new Failure(
      `Not opening \`${url}\`: roadmap opens only http and https addresses.`,
      'The address comes from the catalog; `roadmap show <course>` lists its modules and their URLs.',
    );
  }
  const reason = whyNoBrowser(ctx.env, process.platform);
  if (reason !== null) return { json: { url: page, opened: false, reason }, why: WHY[reason] };
  try {
    await ctx.openUrl(page);
    return { json: { url: page, opened: true, reason: null }, why: null };
  } catch (error) {
    return {
      json: { url: page, opened: false, reason: 'failed' },
      why: `no browser could be started (${launchProblem(error as NodeJS.ErrnoException)})`,
    };
  }
}

/** Why the opener couldn't be started, in words: `spawn xdg-open ENOENT` means little to most. */
function launchProblem(error: NodeJS.ErrnoException): string {
  const program = /^spawn (\S+)/.exec(error.message)?.[1] ?? (error as { path?: string }).path;
  if (error.code === 'ENOENT' && program) return `${program} is not installed`;
  if (error.code === 'EACCES' && program) return `${program} can't be run: permission denied`;
  return error.message;
}
