import { defineConfig } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// One fresh data directory per run, shared with the workers through the
// environment so specs can read the mail outbox.
if (!process.env.PRM_E2E_DATA_DIR) {
  process.env.PRM_E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'prm-e2e-'));
}
const port = Number(process.env.PRM_E2E_PORT || 3100);
const server = process.env.PRM_SERVER_BIN || '../target/debug/server';

export default defineConfig({
  testDir: './tests',
  timeout: 45_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'phone', use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
  ],
  webServer: {
    command: server,
    cwd: '..',
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PRM_ADDR: `127.0.0.1:${port}`,
      PRM_BASE_URL: `http://127.0.0.1:${port}`,
      PRM_DATA_DIR: process.env.PRM_E2E_DATA_DIR!,
      // make build-debug writes target/site-debug; PRM_E2E_SITE_ROOT=target/site
      // runs the suite against a release build (with PRM_SERVER_BIN pointing at it).
      LEPTOS_SITE_ROOT: process.env.PRM_E2E_SITE_ROOT ?? 'target/site-debug',
      LEPTOS_SITE_PKG_DIR: 'pkg',
      LEPTOS_OUTPUT_NAME: 'prm',
      RUST_LOG: 'warn',
    },
  },
});
