import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { signIn } from './helpers';

async function noSeriousViolations(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('signed-out pages pass axe', async ({ page }) => {
  for (const path of ['/sign-in', '/forgot-password']) {
    await page.goto(path);
    await noSeriousViolations(page);
  }
});

test('portal pages pass axe', async ({ page }) => {
  await signIn(page, 'admin@acme.example');
  await noSeriousViolations(page);
  for (const path of ['/partners', '/users']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await noSeriousViolations(page);
  }
  await page.goto('/partners');
  await page.getByRole('link', { name: /Sakura Systems/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sakura Systems' })).toBeVisible();
  await noSeriousViolations(page);
});
