import type { Page } from 'playwright-core';
import { ServiceProcess, freePort, launchChromium } from '@cruddur/testing';
import type { TestBrowser } from '@cruddur/testing';
import { MeshRun, freeMeshPorts, userEnv } from './mesh-run';

jest.setTimeout(150_000);

/** What went wrong on a page: script errors, console errors, answers of 400 and above. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  return problems;
}

describe('the page under npm start, opened from each name of this machine', () => {
  let run: MeshRun;
  let ports: Record<string, string>;
  let browser: TestBrowser;

  beforeAll(async () => {
    // Neither port is the default: npm start must tell the gateway and the page about them.
    ports = await freeMeshPorts();
    run = MeshRun.direct(userEnv(ports));
    await run.ready();
    browser = await launchChromium({ width: 1000, height: 720 });
  });

  afterAll(async () => {
    await browser?.close();
    run?.killAll();
  });

  it.each(['localhost', '127.0.0.1', '0.0.0.0'])(
    'loads both feeds from http://%s:<FRONTEND_PORT>, with no failed request',
    async (host) => {
      const page = await browser.context.newPage();
      const problems = watchProblems(page);
      try {
        await page.goto(`http://${host}:${ports.FRONTEND_PORT}/`);
        await page.getByRole('article', { name: 'Andrew Brown: Cloud is fun!' }).waitFor();
        await page.getByLabel('1 notification', { exact: true }).waitFor();
        // The browser's own spans go through the same CORS check (the relay).
        await page.waitForTimeout(300);
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    },
  );

  it('serves a favicon.ico', async () => {
    const response = await fetch(`http://127.0.0.1:${ports.FRONTEND_PORT}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/icon/);
    expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 4)]).toEqual([0, 0, 1, 0]);
  });

  it('names a CORS refusal as such on the page and in the gateway log, with a styled "Try again"', async () => {
    // The same front end on a port the gateway was not told about: another origin.
    const otherPort = await freePort();
    const elsewhere = await ServiceProcess.start({
      name: 'frontend elsewhere',
      entry: 'dist/apps/frontend/server/main.js',
      env: {
        FRONTEND_HOST: '127.0.0.1',
        FRONTEND_PORT: String(otherPort),
        GATEWAY_URL: `http://127.0.0.1:${ports.GATEWAY_PORT}`,
      },
    });
    const page = await browser.context.newPage();
    try {
      const origin = `http://127.0.0.1:${otherPort}`;
      await page.goto(`${origin}/`);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(
        new RegExp(
          `refused this page's origin ${origin.replace(/\./g, '\\.')} \\(CORS\\).*FRONTEND_URL`,
        ),
      );
      expect(await alert.textContent()).not.toContain('cannot be reached');
      await run.waitForOutput(
        new RegExp(
          // JSON lines (the output is not a terminal) escape the quotes around the origin.
          `gateway\\s*\\| .*CORS refused a browser request from origin \\\\?"${origin.replace(/\./g, '\\.')}\\\\?"`,
        ),
      );

      const button = alert.getByRole('button', { name: 'Try again' });
      const style = await button.evaluate((element) => {
        // Runs in the page; this file is compiled without the DOM's types.
        const page = globalThis as unknown as {
          getComputedStyle(target: unknown): { backgroundColor: string; borderRadius: string };
        };
        const computed = page.getComputedStyle(element);
        return { background: computed.backgroundColor, radius: computed.borderRadius };
      });
      // The page's purple, not the browser's grey default button.
      expect(style).toEqual({ background: 'rgb(122, 0, 255)', radius: '999px' });
    } finally {
      await page.close();
      await elsewhere.stop();
    }
  });
});
