// One headless Chromium for every page captured in this process, started on first use and closed
// when the last account using it is done. Each page gets a fresh browser context of its own.
import type { Browser } from 'playwright-core';
import { UserError } from '../../src/domain/errors.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

// Defence in depth: pages reach the network only through the capture's request handler. Anything
// that would slip past it (a request the interception does not see) meets a proxy that does not
// exist and a resolver that knows no names, so it fails instead of going out unrecorded.
const CAPTURE_FLAGS = [
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--mute-audio',
  '--deny-permission-prompts',
];

export interface SharedBrowser {
  browser: Browser;
  /** Chromium's version string, recorded with every capture. */
  version: string;
  release(): Promise<void>;
}

let shared: { browser: Promise<Browser>; users: number } | undefined;

export async function acquireBrowser(executablePath = CHROMIUM_PATH): Promise<SharedBrowser> {
  if (!shared) {
    const launching = launch(executablePath).catch((e: unknown) => {
      shared = undefined;
      throw new UserError('capture.no-browser', `cannot start Chromium (${executablePath}) for browser capture; install the Debian package chromium: ${String(e).split('\n')[0]}`);
    });
    shared = { browser: launching, users: 0 };
  }
  const entry = shared;
  entry.users++;
  let browser: Browser;
  try {
    browser = await entry.browser;
  } catch (e) {
    entry.users--;
    throw e;
  }
  let released = false;
  return {
    browser,
    version: `Chromium ${browser.version()}`,
    async release() {
      if (released) return;
      released = true;
      if (--entry.users > 0) return;
      if (shared === entry) shared = undefined;
      await browser.close().catch(() => undefined);
    },
  };
}

/** Loaded on first use: most commands never start a browser. */
async function launch(executablePath: string): Promise<Browser> {
  const [{ chromium }, { CHROMIUM_FLAGS }] = await Promise.all([import('playwright-core'), import('../../formats/render/renderer.js')]);
  return chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS, ...CAPTURE_FLAGS] });
}
