import { test, expect } from '@playwright/test';
import { fitsThePhone, hydrated, mailedLink, noSeriousViolations, perProject, shot, signIn, openArea } from './helpers';

test('vendor admin invites a partner admin who joins from the emailed link', async ({ page, browser }, testInfo) => {
  const email = perProject(testInfo, 'noah.phone@lumenlogic.example', 'noah.desk@lumenlogic.example');
  await signIn(page, 'admin@acme.example');
  await openArea(page, 'Users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await hydrated(page);
  await page.getByLabel('Company').selectOption({ label: 'Lumen Logic' });
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.locator('#f-role-error')).toContainText('Choose a role');
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(email);
  await page.getByLabel('Role').selectOption('partner_admin');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Invitation sent' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await shot(page, testInfo, 'users');

  const link = await mailedLink(email, '/invitation');
  const guest = await browser.newContext({ viewport: page.viewportSize()! });
  const invited = await guest.newPage();
  await invited.goto(link);
  await expect(invited.getByText('Lumen Logic')).toBeVisible();
  await hydrated(invited);
  await invited.getByLabel('Your name').fill('Noah Petit');
  await invited.getByLabel('Choose a password').fill('noah password 1');
  await invited.getByLabel('Repeat the password').fill('noah password 1');
  await invited.getByRole('button', { name: 'Create my account' }).click();
  await expect(invited.getByRole('heading', { level: 1, name: 'Hello, Noah' })).toBeVisible();
  await guest.close();
});

test('account: a user picks a time zone and keeps it', async ({ page }, testInfo) => {
  const user = perProject(testInfo, 'claire@lumenlogic.example', 'marc@cobaltintegration.example');
  await signIn(page, user);
  await page.goto('/account');
  await hydrated(page);
  const zone = page.getByLabel('Your time zone');
  await expect(zone).toHaveValue('UTC');
  await zone.selectOption('Europe/Berlin');
  await page.getByRole('button', { name: 'Save time zone' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Time zone saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Your time zone')).toHaveValue('Europe/Berlin');
  await noSeriousViolations(page);
});

test('vendor admin sees the program background work, run by run', async ({ page }, testInfo) => {
  await signIn(page, 'admin@acme.example');
  await page.goto('/account');
  await hydrated(page);
  await page.getByRole('link', { name: 'See background work' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Background work' })).toBeVisible();
  // The server's scheduler queued today's pass on start; the worker ran it.
  const run = page.locator('.runs li').filter({ hasText: 'Claim deadlines' }).first();
  await expect(run).toBeVisible();
  await expect(run.locator('.badge')).toHaveText('Done');
  await expect(run).toContainText('Finished');
  await expect(run).toContainText(/\d+ fund requests? reminded or released/);
  await shot(page, testInfo, 'background-work');
  await fitsThePhone(page, testInfo);
  await noSeriousViolations(page);
});

test('partners are not shown the background work', async ({ page }) => {
  await signIn(page, 'olivia@northwind.example');
  await page.goto('/account');
  await hydrated(page);
  await expect(page.getByRole('link', { name: 'See background work' })).toHaveCount(0);
  await page.goto('/background-work');
  await expect(page.getByRole('heading', { level: 1, name: 'Background work' })).toBeVisible();
  await expect(page.locator('.runs li')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'This page could not be shown' })).toBeVisible();
});
