import { test, expect } from '@playwright/test';
import { hydrated, shot, signIn } from './helpers';

test('vendor admin filters the directory and edits a partner profile', async ({ page }, testInfo) => {
  await signIn(page, 'admin@acme.example');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Partners' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Partners' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'partners match' })).toContainText('12 partners match');
  await hydrated(page);
  await page.getByRole('search').getByLabel('Tier').selectOption('gold');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/tier=gold/);
  await expect(page.getByRole('status').filter({ hasText: 'match' })).toContainText('4 partners match');
  await shot(page, testInfo, 'partners-gold');
  await page.getByRole('link', { name: /Nordlicht Netzwerke/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nordlicht Netzwerke' })).toBeVisible();
  await hydrated(page);

  const phone = page.getByLabel('Phone');
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
  await expect(page.getByLabel('Phone')).toHaveValue('+49 89 555 0100');
  await shot(page, testInfo, 'partner-profile');
});

test('partner admin sees their company, not the directory', async ({ page }, testInfo) => {
  await signIn(page, 'olivia@northwind.example');
  await expect(page.getByRole('main').getByText('Northwind Systems').first()).toBeVisible();
  await shot(page, testInfo, 'dashboard-partner');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Company' }).click();
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

  const res = await page.goto('/partners');
  await expect(page.getByText("You don't have permission")).toBeVisible();
  expect(res!.status()).toBe(403);
});
