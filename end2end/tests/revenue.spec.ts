import { test, expect } from '@playwright/test';
import { fitsThePhone, hydrated, noSeriousViolations, perProject, shot, signIn, signInInGerman } from './helpers';

/** The demo's revenue quarters: last quarter and this one, from today. */
function demoQuarters(): { last: string; current: string } {
  const now = new Date();
  const year = now.getUTCFullYear();
  const quarter = Math.floor(now.getUTCMonth() / 3) + 1;
  return {
    current: `${year}-Q${quarter}`,
    last: quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`,
  };
}

test('finance sets an exchange rate and the ledger totals in the program currency', async ({ page }, testInfo) => {
  // Each project sets its own day, so both can run on one database.
  const day = perProject(testInfo, '2028-01-01', '2028-02-01');
  await signIn(page, 'admin@acme.example');
  await page.goto('/funds');
  await hydrated(page);
  await page.getByRole('link', { name: 'Partner revenue and exchange rates' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Partner revenue' })).toBeVisible();
  await hydrated(page);

  // The demo's figures: euros converted at this quarter's rate, pounds of the
  // quarter before any pound rate shown as they are.
  const totals = page.locator('#totals');
  const thisQuarterEuros = totals.getByRole('listitem').filter({ hasText: demoQuarters().current }).filter({ hasText: '€' });
  await expect(thisQuarterEuros).toContainText('€3,345,500.00');
  await expect(thisQuarterEuros).toContainText('$3,609,794.50');
  await expect(totals.getByRole('listitem').filter({ hasText: demoQuarters().last }).filter({ hasText: '£' })).toContainText('No GBP rate for this period');
  await expect(page.locator('#figures')).toContainText('Alpenblick IT');

  // A bad rate is named on its field, with what was typed kept.
  const rates = page.locator('#rates');
  await rates.getByLabel('Currency').selectOption('CHF');
  await rates.getByLabel('Valid from').fill(day);
  await rates.getByLabel('Worth in USD').fill('1.2.3');
  await rates.getByRole('button', { name: 'Save rate' }).click();
  await expect(page.locator('#f-rate-error')).toContainText('like 1.0832');
  await expect(rates.getByLabel('Worth in USD')).toHaveValue('1.2.3');
  await rates.getByLabel('Worth in USD').fill('1,1342');
  await rates.getByRole('button', { name: 'Save rate' }).click();
  await expect(rates.locator('.rate-list')).toContainText('1 CHF = 1.1342 USD');
  await expect(rates.locator('.rate-list')).toContainText(`from ${day}`);
  await fitsThePhone(page, testInfo);
  await noSeriousViolations(page);
  await shot(page, testInfo, 'revenue');
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('the ledger reads in German', async ({ page }, testInfo) => {
    await signInInGerman(page, 'admin@acme.example');
    try {
      await page.goto('/revenue');
      await expect(page.getByRole('heading', { level: 1, name: 'Partnerumsatz' })).toBeVisible();
      await expect(page.locator('#rates').getByRole('heading', { name: 'Wechselkurse' })).toBeVisible();
      await expect(page.locator('#totals').getByRole('listitem').filter({ hasText: demoQuarters().last }).filter({ hasText: '£' })).toContainText('Kein GBP-Kurs für diesen Zeitraum');
      await expect(page.locator('#figures')).toContainText('Importiert');
      await fitsThePhone(page, testInfo);
      await shot(page, testInfo, 'revenue-de');
    } finally {
      // The admin's language goes back to English for the other specs.
      await page.goto('/account');
      await hydrated(page);
      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    }
  });
});
