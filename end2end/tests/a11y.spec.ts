import { test, expect } from '@playwright/test';
import { noSeriousViolations, signIn } from './helpers';

test('signed-out pages pass axe', async ({ page }) => {
  for (const path of ['/sign-in', '/forgot-password']) {
    await page.goto(path);
    await noSeriousViolations(page);
  }
});

test('portal pages pass axe', async ({ page }) => {
  await signIn(page, 'admin@acme.example');
  await noSeriousViolations(page);
  for (const path of ['/partners', '/users', '/funds']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await noSeriousViolations(page);
  }
  await page.goto('/partners');
  await page.getByRole('link', { name: /Sakura Systems/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sakura Systems' })).toBeVisible();
  await noSeriousViolations(page);
});

test('partner funds pages pass axe', async ({ page }) => {
  await signIn(page, 'olivia@northwind.example');
  for (const path of ['/funds', '/funds/requests/new']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await noSeriousViolations(page);
  }
});
