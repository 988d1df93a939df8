import { test, expect } from '@playwright/test';
import { hydrated } from './helpers';

test('the portal installs as an app and says so when the connection is gone', async ({ page, context }) => {
  await page.goto('/sign-in');
  const manifest = await page.locator('link[rel="manifest"]').getAttribute('href');
  const res = await page.request.get(manifest!);
  expect((await res.json()).display).toBe('standalone');
  await hydrated(page);
  // The worker takes over the page once it is active.
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
  await context.setOffline(true);
  await page.goto('/forgot-password').catch(() => {});
  await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Try again' })).toBeVisible();
  await context.setOffline(false);
  await page.getByRole('link', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
});
