import { test, expect } from '@playwright/test';
import { fitsThePhone, hydrated, noSeriousViolations, perProject, shot, signIn, signInInGerman } from './helpers';

// The demo's three-level channel: Eurolink Distribution → Nordlicht
// Netzwerke → Alpenblick IT.

test('a distributor reads its channel two levels down, without changing it', async ({ page }, testInfo) => {
  await signIn(page, 'jan@eurolink.example');
  const home = page.getByRole('main');
  const card = home.locator('section.card').filter({ has: page.getByRole('heading', { name: 'Your channel', exact: true }) });
  await expect(card).toContainText(/\d+ partners buy through this company, at every level\./);
  await expect(card.getByRole('link', { name: 'Nordlicht Netzwerke' })).toBeVisible();
  await shot(page, testInfo, 'channel-dashboard');
  await card.getByRole('link', { name: 'Open your channel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your channel' })).toBeVisible();
  await hydrated(page);
  for (const name of ['Alpenblick IT', 'Nordlicht Netzwerke', 'Tamesis Cloud']) {
    await expect(page.getByRole('link', { name: new RegExp('^' + name) })).toBeVisible();
  }
  await expect(page.getByRole('link', { name: /^Eurolink Distribution/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add partner' })).toHaveCount(0);
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'channel-directory');

  await page.getByRole('link', { name: /^Alpenblick IT/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Alpenblick IT' })).toBeVisible();
  await hydrated(page);
  const channel = page.locator('#channel');
  const path = channel.locator('.channel-path li');
  await expect(path).toHaveText(['Eurolink Distribution', 'Nordlicht Netzwerke', 'Alpenblick IT']);
  await expect(channel.getByRole('link', { name: 'Nordlicht Netzwerke' })).toBeVisible();
  // Read only: no profile, placement or territory forms.
  await expect(page.getByRole('button', { name: 'Save profile' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save placement' })).toHaveCount(0);
  await expect(page.locator('#territory').getByRole('button')).toHaveCount(0);
  await fitsThePhone(page, testInfo);
  await noSeriousViolations(page);
  await shot(page, testInfo, 'channel-sub-reseller');
});

test('vendor admin places a partner in the channel by name, and is told why not', async ({ page }, testInfo) => {
  // Each project moves its own partner and puts it back at the top.
  const name = perProject(testInfo, 'Andes Conectividad', 'Koala Secure');
  await signIn(page, 'admin@acme.example');
  await page.goto('/partners');
  await hydrated(page);
  await page.getByRole('link', { name: new RegExp(name) }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await hydrated(page);
  const field = page.getByLabel('Buys through');
  await expect(field).toHaveValue('');

  // A partner of a type with nobody below it is refused, with what was typed kept.
  await field.fill('Harbor IT Services');
  await page.getByRole('button', { name: 'Save placement' }).click();
  await expect(page.locator('#f-buys-through-error')).toContainText('that type has nobody below it');
  await expect(field).toHaveValue('Harbor IT Services');

  // Suggestions follow the typing; the distributor is chosen by its name.
  await field.fill('');
  await field.pressSequentially('Bluep');
  await expect(page.locator('#f-buys-through-suggestions option[value="Bluepeak Distribution"]')).toHaveCount(1);
  await field.fill('Bluepeak Distribution');
  await page.getByRole('button', { name: 'Save placement' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Program placement saved.' })).toBeVisible();
  await expect(page.locator('#channel .channel-path li')).toHaveText(['Bluepeak Distribution', name]);
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'channel-placed');

  // Back to the top of the channel.
  await page.getByLabel('Buys through').fill('');
  await page.getByRole('button', { name: 'Save placement' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Program placement saved.' })).toBeVisible();
  await expect(page.locator('#channel')).toHaveCount(0);
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('the reseller in the middle reads its channel in German', async ({ page }, testInfo) => {
    await signInInGerman(page, 'lena@nordlicht.example');
    await page.goto('/');
    const card = page.getByRole('main').locator('section.card').filter({ has: page.getByRole('heading', { name: 'Ihr Vertriebskanal', exact: true }) });
    await expect(card).toContainText('1 Partner bezieht über dieses Unternehmen, über alle Ebenen.');
    await card.getByRole('link', { name: 'Vertriebskanal öffnen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ihr Vertriebskanal' })).toBeVisible();
    await page.getByRole('link', { name: /^Alpenblick IT/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Alpenblick IT' })).toBeVisible();
    const channel = page.locator('#channel');
    await expect(channel.getByRole('heading', { name: 'Bezieht über' })).toBeVisible();
    // The distributor above is named, not opened.
    await expect(channel.locator('.channel-path li').first()).toHaveText('Eurolink Distribution');
    await expect(channel.getByRole('link', { name: 'Eurolink Distribution' })).toHaveCount(0);
    await fitsThePhone(page, testInfo);
    await shot(page, testInfo, 'channel-sub-reseller-de');
  });
});
