/**
 * Why a browser can't be opened here, read from the environment alone. The opener itself can't
 * tell: it starts xdg-open (or `open`, or PowerShell) and reports success as soon as that
 * starts, whether or not a browser ever appears.
 */
export type NoBrowserReason = 'browser-none' | 'ci' | 'ssh' | 'no-display';

const isSet = (value: string | undefined) => value !== undefined && value !== '';

export function whyNoBrowser(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): NoBrowserReason | null {
  if (env.BROWSER === 'none') return 'browser-none';
  if (isSet(env.CI)) return 'ci';
  // A browser would start on the remote machine, where nobody is looking, if it starts at all.
  if (isSet(env.SSH_CONNECTION) || isSet(env.SSH_TTY)) return 'ssh';
  // macOS and Windows open pages through their own desktop services. Elsewhere a browser needs a
  // display server, except in WSL, where the page opens in Windows.
  const desktop = platform === 'darwin' || platform === 'win32' || isSet(env.WSL_DISTRO_NAME);
  if (!desktop && !isSet(env.DISPLAY) && !isSet(env.WAYLAND_DISPLAY)) return 'no-display';
  return null;
}

/**
 * The URL to hand to a browser, or null when it isn't http or https: a catalog entry could name
 * a file, a script or another program's scheme, and none of those is a page to study.
 */
export function webUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
