import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * Debian's Chromium (`apt-get install chromium`; playwright cannot download browsers here),
 * headless, with nothing that would reach for the network on its own.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser for one test file: its first page, and `close()` that also removes its profile. */
export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Starts /usr/bin/chromium with a fresh profile (`launchPersistentContext` sets --user-data-dir). */
export async function launchChromium(
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'cruddur-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
