import { test, expect } from '@playwright/test';
import { expectCurrentArea, fitsThePhone, hydrated, noSeriousViolations, openArea, perProject, shot, signIn, signInInGerman } from './helpers';

test('a lead is routed to the nearest partner, accepted, turned into a deal and won', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  const company = perProject(testInfo, 'Alpine Ski House Phone', 'Alpine Ski House Desk');

  // The vendor enters the lead; it is routed as it lands, and says why.
  await signIn(page, 'admin@acme.example');
  await openArea(page, 'Leads');
  await expect(page.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
  await expectCurrentArea(page, 'Leads');
  await page.getByRole('link', { name: 'New lead' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New lead' })).toBeVisible();
  await hydrated(page);
  const form = page.locator('#one-lead');
  await form.getByRole('button', { name: 'Save and route' }).click();
  await expect(page.locator('#f-company-error')).toBeVisible();
  await expect(page.locator('#f-country-error')).toBeVisible();
  await form.getByLabel('Company', { exact: true }).fill(company);
  await form.getByLabel('Kind of company').fill('Ski resort, 80 staff');
  await form.getByLabel('Country').selectOption('US');
  await form.getByLabel('City').fill('Seattle');
  await form.getByLabel('Postcode').fill('98101');
  await form.getByLabel('Region or state').fill('Washington');
  await form.getByLabel('Contact name').fill('Kim Akers');
  await form.getByLabel('Contact e-mail').fill('kim.akers@alpineskihouse.example');
  await form.getByLabel('Product interest').selectOption({ label: 'Wireless access points' });
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'lead-form');
  await form.getByRole('button', { name: 'Save and route' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The lead is in and routed.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: company })).toBeVisible();
  await expect(page.locator('.status').first()).toHaveText('Offered');
  await expect(page.locator('main')).toContainText('Northwind Systems');
  const routings = page.locator('#routings');
  await expect(routings).toContainText('Routed automatically');
  // Northwind sits in Seattle: nearer than Bluepeak's whole country.
  await expect(routings).toContainText('same city or service radius level');
  // Only the nearest ring with an eligible partner is weighed.
  await routings.locator('summary').first().click();
  await expect(routings.locator('table').first()).toContainText('Northwind Systems');
  await expect(routings).not.toContainText('Bluepeak Distribution');
  const lead = page.url().split('?')[0];
  await noSeriousViolations(page);
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'lead-routed-vendor');

  // Northwind sees what and where, never who, until it accepts.
  await page.context().clearCookies();
  await signIn(page, 'olivia@northwind.example');
  await openArea(page, 'Leads');
  const offers = page.locator('#offers');
  await expect(offers).toContainText('Ski resort, 80 staff');
  await expect(offers).not.toContainText(company);
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'lead-inbox-partner');
  await page.goto(lead);
  await hydrated(page);
  await expect(page.locator('#masked')).toBeVisible();
  await expect(page.locator('main')).not.toContainText('kim.akers');
  await page.getByRole('button', { name: 'Accept the lead' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You accepted the lead.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: company })).toBeVisible();
  await expect(page.locator('#clock')).toContainText('First contact due by');
  await expect(page.locator('main')).toContainText('kim.akers@alpineskihouse.example');
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'lead-accepted');
  await page.getByRole('button', { name: 'We contacted them' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'First contact recorded.' })).toBeVisible();

  // The registration starts from the lead.
  await page.getByRole('link', { name: 'Register a deal from this lead' }).click();
  await expect(page.locator('#from-lead')).toBeVisible();
  await hydrated(page);
  await expect(page.getByLabel('Customer company')).toHaveValue(company);
  await expect(page.getByLabel('Contact e-mail')).toHaveValue('kim.akers@alpineskihouse.example');
  await page.getByLabel('Quantity').first().fill('30');
  await page.getByLabel('Amount', { exact: true }).first().fill('13,500');
  const close = new Date(Date.now() + 40 * 86400_000).toISOString().slice(0, 10);
  await page.getByLabel('Expected close').fill(close);
  await page.getByLabel('Stage').selectOption('proposal');
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Submitted. The vendor has been told.' })).toBeVisible();
  const deal = page.url().split('?')[0];

  // The channel manager approves; Northwind wins it.
  await page.context().clearCookies();
  await signIn(page, 'dana.cole@acme.example');
  await page.goto(deal);
  await hydrated(page);
  await page.locator('#decide').getByRole('button', { name: 'Approve' }).click();
  await expect(page.locator('.status').first()).toHaveText('Approved');
  await page.context().clearCookies();
  await signIn(page, 'olivia@northwind.example');
  await page.goto(deal);
  await hydrated(page);
  await page.locator('#close').getByRole('button', { name: 'Won' }).click();
  await expect(page.locator('.status').first()).toHaveText('Won');
  await page.goto(lead);
  await expect(page.locator('.status').first()).toHaveText('Registered as a deal');
  await expect(page.getByRole('link', { name: 'Open the deal registration' })).toBeVisible();
});

test('a partner declines with a reason and the lead routes on; the vendor sees it in the fairness report', async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const company = perProject(testInfo, 'Proseware Berlin Phone', 'Proseware Berlin Desk');
  await signIn(page, 'admin@acme.example');
  await page.goto('/leads/new');
  await hydrated(page);
  const form = page.locator('#one-lead');
  await form.getByLabel('Company', { exact: true }).fill(company);
  await form.getByLabel('Country').selectOption('DE');
  await form.getByLabel('City').fill('München');
  await form.getByLabel('Postcode').fill('80469');
  await form.getByLabel('Product interest').selectOption({ label: 'Switches' });
  await form.getByRole('button', { name: 'Save and route' }).click();
  await expect(page.locator('main')).toContainText('Nordlicht Netzwerke');
  const lead = page.url().split('?')[0];

  // Lena answers in German, from her own browser.
  const german = await browser.newContext({ locale: 'de-DE', viewport: page.viewportSize()!, isMobile: testInfo.project.name === 'phone', hasTouch: testInfo.project.name === 'phone' });
  const lena = await german.newPage();
  await signInInGerman(lena, 'lena@nordlicht.example');
  await lena.goto(lead);
  await hydrated(lena);
  await expect(lena.getByRole('button', { name: 'Lead annehmen' })).toBeVisible();
  const decline = lena.locator('#answer');
  await decline.getByRole('button', { name: 'Ablehnen' }).click();
  await expect(lena.locator('#f-decline-reason-error')).toBeVisible();
  await decline.getByLabel('Warum nicht').selectOption('no_capacity');
  await fitsThePhone(lena, testInfo);
  await shot(lena, testInfo, 'lead-decline-de');
  await decline.getByRole('button', { name: 'Ablehnen' }).click();
  await expect(lena.getByRole('status').filter({ hasText: 'Sie haben den Lead abgelehnt' })).toBeVisible();
  await german.close();

  await page.goto(lead);
  await expect(page.locator('main')).toContainText('Eurolink Distribution');
  await page.goto('/leads/fairness?days=30');
  await expect(page.getByRole('heading', { level: 1, name: 'Fairness report' })).toBeVisible();
  await expect(page.locator('table.fairness')).toContainText('Nordlicht Netzwerke');
  await noSeriousViolations(page);
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'lead-fairness');
});
