/**
 * The real browser opener. The `open` package (with the child processes it starts) is loaded
 * only here, when a page is about to be opened.
 */
export async function openInBrowser(url: string): Promise<void> {
  const { default: open } = await import('open');
  await open(url);
}
