import { test, expect } from '@playwright/test';
import { fitsThePhone, hydrated, noSeriousViolations, perProject, shot, signIn, openArea } from './helpers';

test('vendor admin filters the directory and edits a partner profile', async ({ page }, testInfo) => {
  await signIn(page, 'admin@acme.example');
  await openArea(page, 'Partners');
  await expect(page.getByRole('heading', { level: 1, name: 'Partners' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'partners match' })).toContainText('13 partners match');
  await hydrated(page);
  await page.getByRole('search').getByLabel('Tier').selectOption('gold');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/tier=gold/);
  await expect(page.getByRole('status').filter({ hasText: 'match' })).toContainText('4 partners match');
  await shot(page, testInfo, 'partners-gold');
  await page.getByRole('link', { name: /Nordlicht Netzwerke/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nordlicht Netzwerke' })).toBeVisible();
  await hydrated(page);

  const phone = page.getByLabel('Phone', { exact: true });
  await phone.fill('call us');
  await page.getByLabel('Contact email').focus();
  await expect(page.locator('#f-phone-error')).toContainText('Enter a phone number');
  await page.getByRole('button', { name: 'Save profile' }).click();
  // The server's answer, not only the browser's check, before typing again:
  // a late answer would otherwise refill the form with what it refused.
  await expect(page.getByRole('alert').filter({ hasText: 'Please correct the highlighted fields' })).toBeVisible();
  await expect(page.locator('#f-phone-error')).toContainText('Enter a phone number');
  await expect(phone).toHaveValue('call us');
  await phone.fill('+49 89 555 0100');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Phone', { exact: true })).toHaveValue('+49 89 555 0100');
  await shot(page, testInfo, 'partner-profile');
});

test('partner admin sees their company, and no program directory', async ({ page }, testInfo) => {
  await signIn(page, 'olivia@northwind.example');
  await expect(page.getByRole('main').getByText('Northwind Systems').first()).toBeVisible();
  await shot(page, testInfo, 'dashboard-partner');
  await openArea(page, 'Company');
  await expect(page.getByRole('heading', { level: 1, name: 'Northwind Systems' })).toBeVisible();

  // A text file named .png is refused with a message; a real PNG becomes the logo.
  await page.getByLabel('Logo file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(page.locator('#logo-error')).toContainText('PNG, JPEG, WebP or SVG');
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  await page.getByLabel('Logo file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Logo updated' })).toBeVisible();
  await expect(page.locator('.partner-head img.avatar-img')).toBeVisible();

  // The directory is their channel: nobody buys through Northwind.
  await page.goto('/partners');
  await expect(page.getByRole('heading', { level: 1, name: 'Your channel' })).toBeVisible();
  await expect(page.getByText('No partner buys through your company yet.')).toBeVisible();
});

test('vendor admin renames a tier and sets its benefits; the directory follows', async ({ page }, testInfo) => {
  const name = perProject(testInfo, 'Silver (phone)', 'Silver (desktop)');
  await signIn(page, 'admin@acme.example');
  await page.goto('/account');
  await hydrated(page);
  await page.getByRole('link', { name: 'See the tiers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tiers' })).toBeVisible();
  await hydrated(page);
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'tiers');
  const silver = page.locator('.tier-card').filter({ has: page.locator('.tier-silver') });
  await silver.locator('summary').click();
  await silver.getByLabel('Name', { exact: true }).fill(name);
  await silver.getByLabel('MDF accrual (% of revenue)').fill('abc');
  await silver.getByRole('button', { name: 'Save tier' }).click();
  await expect(silver.getByText('Enter a percentage from 0 to 100')).toBeVisible();
  await silver.getByLabel('MDF accrual (% of revenue)').fill('1.5');
  await silver.getByRole('button', { name: 'Save tier' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Tier saved.' })).toBeVisible();
  const renamed = page.locator('.tier-card').filter({ has: page.locator('.tier-silver') });
  await expect(renamed.locator('h2')).toHaveText(name);
  await expect(renamed).toContainText('1.5%');
  await renamed.getByRole('link', { name: /partners?$/ }).click();
  await expect(page).toHaveURL(/tier=silver/);
  await expect(page.getByRole('heading', { level: 1, name: 'Partners' })).toBeVisible();
  await expect(page.locator('.partner-list')).toContainText(name);
  await noSeriousViolations(page);
});
