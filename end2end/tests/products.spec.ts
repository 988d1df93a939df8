import { test, expect } from '@playwright/test';
import { fitsThePhone, hydrated, noSeriousViolations, perProject, shot, signIn, signInInGerman } from './helpers';

test('marketing keeps the catalogue: a family, a product, a mistake caught, a file imported', async ({ page }, testInfo) => {
  const family = perProject(testInfo, 'Phone bundles', 'Desktop bundles');
  const sku = perProject(testInfo, 'PB-100', 'DB-100');
  const imported = perProject(testInfo, 'PB-200', 'DB-200');
  await signIn(page, 'maya.lin@acme.example');
  await page.goto('/account');
  await hydrated(page);
  await page.getByRole('link', { name: 'Open the catalogue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
  await hydrated(page);
  await expect(page.getByRole('status').filter({ hasText: 'match' })).toContainText(/\d+ products match/);
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'products-keeper');

  // A family, with its German name.
  await page.locator('details.family-form').last().locator('summary').click();
  await page.locator('#family-new-name').fill(family);
  await page.locator('#family-new-name-de').fill(`${family} (DE)`);
  await page.getByRole('button', { name: 'Add family' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Family saved.' })).toBeVisible();
  await expect(page.locator('.families')).toContainText(family);

  // A product: the browser catches a bad SKU before the server does.
  await page.getByRole('link', { name: 'Add product' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New product' })).toBeVisible();
  await hydrated(page);
  await page.getByLabel('SKU').fill('pb 100');
  await page.getByLabel('Name', { exact: true }).focus();
  await expect(page.locator('#f-sku-error')).toContainText('Use only letters, digits');
  await page.getByLabel('SKU').fill(sku.toLowerCase());
  await page.getByLabel('Name', { exact: true }).fill(`Branch bundle ${sku}`);
  await page.getByLabel('Family', { exact: true }).selectOption({ label: family });
  await page.getByLabel('Unit').selectOption('licence');
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'product-form');
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Product saved.' })).toBeVisible();
  await hydrated(page);
  await page.getByRole('search').getByLabel('Search').fill(sku);
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${sku}`));
  await expect(page.getByRole('status').filter({ hasText: 'match' })).toHaveText('1 product matches');
  await expect(page.locator('.product-list')).toContainText(`Branch bundle ${sku}`);
  await expect(page.locator('.product-list .sku')).toHaveText(sku);

  // A file with one bad row: nothing is taken, the text stays to be fixed.
  const csv = page.getByLabel('Rows to import');
  await csv.fill(`SKU,Name,Family,Unit\n${imported},Imported bundle,${family},piece\nBAD SKU,,${family},crate\n`);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('#products-csv-error')).toContainText('Nothing was imported');
  await expect(page.locator('#products-csv-error')).toContainText('Row 3');
  await expect(csv).toHaveValue(/BAD SKU/);
  await csv.fill(`SKU,Name,Family,Unit\n${imported},Imported bundle,${family},piece\n`);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import done: 1 new, 0 changed.' })).toBeVisible();
  await noSeriousViolations(page);
});

test('channel managers read the catalogue but do not keep it', async ({ page }) => {
  await signIn(page, 'dana.cole@acme.example');
  await page.goto('/products');
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Add product' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Families' })).toHaveCount(0);
  await page.goto('/products/new');
  await expect(page.getByRole('heading', { name: 'This page could not be shown' })).toBeVisible();
});

test.describe('a German partner', () => {
  test.use({ locale: 'de-DE' });

  test('finds a product by family, in German, without the ones no longer sold', async ({ page }, testInfo) => {
    await signInInGerman(page, 'lena@nordlicht.example');
    await page.getByRole('link', { name: 'Katalog öffnen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Produkte' })).toBeVisible();
    await hydrated(page);
    await expect(page.getByRole('link', { name: 'Produkt hinzufügen' })).toHaveCount(0);
    await page.getByRole('search').getByLabel('Produktfamilie').selectOption({ label: 'WLAN-Access-Points' });
    await page.getByRole('button', { name: 'Filtern' }).click();
    await expect(page).toHaveURL(/family=/);
    await expect(page.getByRole('status').filter({ hasText: 'passen' })).toContainText('3 Produkte passen');
    const list = page.locator('.product-list');
    await expect(list).toContainText('Access Point 577 (Außenbereich, IP67)');
    await expect(list).toContainText('WLAN-Access-Points · Stück');
    await expect(list).not.toContainText('AP-305');
    await fitsThePhone(page, testInfo);
    await shot(page, testInfo, 'products-partner-de');
    await noSeriousViolations(page);
  });
});
