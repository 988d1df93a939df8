import { test, expect } from '@playwright/test';
import { PASSWORD, fitsThePhone, hydrated, noSeriousViolations, perProject, shot, signIn, signInInGerman, openArea } from './helpers';

test('vendor admin finds who works at a postcode and keeps a partner territory', async ({ page }, testInfo) => {
  const [country, name, prefixes] = perProject(testInfo, 'FR|France|69, 75', 'IT|Italy|20, 00').split('|');
  await signIn(page, 'admin@acme.example');
  await page.goto('/partners');
  await hydrated(page);
  const search = page.getByRole('search');
  await search.getByLabel('Works in').selectOption('DE');
  await search.getByLabel('Postcode').fill('80331');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/country=DE&postcode=80331/);
  await expect(page.getByRole('status').filter({ hasText: 'match' })).toContainText('2 partners match');
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'partners-works-in');

  await page.getByRole('link', { name: /Nordlicht Netzwerke/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nordlicht Netzwerke' })).toBeVisible();
  await hydrated(page);
  const card = page.locator('#territory');
  await expect(card.getByRole('heading', { name: 'Territory' })).toBeVisible();
  await expect(card.locator('.territory-areas')).toContainText('Austria · whole country');
  await expect(card.locator('.territory-areas')).toContainText('Germany · postcodes 80…');

  // A bad prefix is named, and what was typed stays.
  await card.getByLabel('Country', { exact: true }).selectOption(country);
  await card.getByLabel('Postcode prefixes (optional)').fill(`${prefixes}, 7<5`);
  await card.getByRole('button', { name: 'Add to territory' }).click();
  await expect(card.getByText('“7<5” is not a postcode prefix')).toBeVisible();
  await expect(card.getByLabel('Postcode prefixes (optional)')).toHaveValue(`${prefixes}, 7<5`);
  await card.getByLabel('Postcode prefixes (optional)').fill(prefixes);
  await card.getByRole('button', { name: 'Add to territory' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Territory updated.' })).toBeVisible();
  const first = prefixes.split(', ')[0];
  await expect(card.locator('.territory-areas')).toContainText(`${name} · postcodes ${first}…`);
  await expect(card.getByLabel('Postcode prefixes (optional)')).toHaveValue('');

  // Removed again, by its own button.
  await card.getByRole('button', { name: `Remove ${name}, postcodes ${first}…` }).click();
  await expect(card.locator('.territory-areas')).not.toContainText(`${name} · postcodes ${first}…`);
  await expect(card.locator('.territory-areas')).toContainText(name);

  // The location, typed with German decimal commas; a bad radius first.
  await card.getByLabel('Coordinates (latitude, longitude)').fill('48,1372; 11,5756');
  await card.getByLabel('Service radius in km (optional)').fill('0');
  await card.getByRole('button', { name: 'Save location' }).click();
  await expect(card.getByText('whole kilometres, from 1 to 5000')).toBeVisible();
  await card.getByLabel('Service radius in km (optional)').fill('90');
  await card.getByRole('button', { name: 'Save location' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Location saved.' })).toBeVisible();
  await expect(card).toContainText('48.137200, 11.575600');
  await expect(card).toContainText('within 90 km');
  await expect(card.getByLabel('Coordinates (latitude, longitude)')).toHaveValue('48.137200, 11.575600');
  await expect(card.getByRole('link', { name: 'Show on map' })).toHaveAttribute('href', /openstreetmap\.org\/\?mlat=48\.137200&mlon=11\.575600/);
  await fitsThePhone(page, testInfo);
  await noSeriousViolations(page);
  await shot(page, testInfo, 'partner-territory');
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('a German partner reads where it works, in German, without the forms', async ({ page }, testInfo) => {
    await signInInGerman(page, 'lena@nordlicht.example');
    await openArea(page, 'Firma');
    await expect(page.getByRole('heading', { level: 1, name: 'Nordlicht Netzwerke' })).toBeVisible();
    const card = page.locator('#territory');
    await expect(card.getByRole('heading', { name: 'Gebiet' })).toBeVisible();
    await expect(card.locator('.territory-areas')).toContainText('Österreich · ganzes Land');
    await expect(card.locator('.territory-areas')).toContainText('Deutschland · PLZ 80…');
    await expect(card.getByRole('button')).toHaveCount(0);
    await expect(card.getByRole('link', { name: 'Auf der Karte zeigen' })).toBeVisible();
    await fitsThePhone(page, testInfo);
    await shot(page, testInfo, 'partner-territory-de');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test("a channel manager adds to a partner's territory with plain forms", async ({ page }, testInfo) => {
    const region = perProject(testInfo, 'British Columbia', 'Alberta');
    await page.goto('/sign-in');
    await page.getByLabel('Work email').fill('dana.cole@acme.example');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Hello, Dana' })).toBeVisible();
    await page.goto('/partners?q=northwind');
    await page.getByRole('link', { name: /Northwind Systems/ }).click();
    const card = page.locator('#territory');
    await expect(card.locator('.territory-areas')).toContainText('United States · Oregon');
    await card.getByLabel('Country', { exact: true }).selectOption('CA');
    await card.getByLabel('Region (optional)').fill(region);
    await card.getByLabel('Postcode prefixes (optional)').fill('V5K');
    await card.getByRole('button', { name: 'Add to territory' }).click();
    await expect(page.locator('#f-area-postcodes-error')).toContainText('not both');
    await expect(page.locator('#f-area-region')).toHaveValue(region);
    await page.locator('#f-area-postcodes').fill('');
    await page.getByRole('button', { name: 'Add to territory' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Territory updated.' })).toBeVisible();
    await expect(page.locator('#territory .territory-areas')).toContainText(`Canada · ${region}`);
  });
});
