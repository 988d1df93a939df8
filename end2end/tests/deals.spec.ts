import { test, expect, Page } from '@playwright/test';
import { expectCurrentArea, fitsThePhone, hydrated, noSeriousViolations, openArea, perProject, shot, signIn, signInInGerman } from './helpers';

/** Fills in the registration form for `customer` at `domain` and sends it;
 *  the registration's page opens. */
async function register(page: Page, testInfo: { project: { name: string } }, customer: string, domain: string, taken = false) {
  await openArea(page, 'Deals');
  await expect(page.getByRole('heading', { level: 1, name: 'Deal registrations' })).toBeVisible();
  await expectCurrentArea(page, 'Deals');
  await page.getByRole('link', { name: 'Register a deal' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Register a deal' })).toBeVisible();
  await hydrated(page);
  await page.getByLabel('Customer company').fill(customer);
  await page.getByLabel('Customer website').fill(`https://www.${domain}`);
  await page.getByLabel('Country').selectOption('DE');
  await page.getByLabel('City').fill('Stuttgart');
  await page.getByLabel('Contact name').fill('Jana Vogt');
  await page.getByLabel('Contact e-mail').fill(`jana.vogt@${domain}`);
  await page.getByLabel('Product family', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('Quantity').first().fill('40');
  await page.getByLabel('Amount', { exact: true }).first().fill('25,000');
  const close = new Date(Date.now() + 45 * 86400_000).toISOString().slice(0, 10);
  await page.getByLabel('Expected close').fill(close);
  await page.getByLabel('Stage').selectOption('proposal');
  await page.getByLabel('Who found it').selectOption('sourced');
  // The conflict check runs while the partner types, before it submits.
  const check = page.locator('#customer-check');
  if (taken) {
    await expect(check).toContainText('Another partner may already have registered this customer');
  } else {
    await page.waitForTimeout(800);
    await expect(check).toBeEmpty();
  }
  await fitsThePhone(page, testInfo);
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Submitted. The vendor has been told.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: customer })).toBeVisible();
  await expect(page.locator('.status').first()).toHaveText('Waiting for a decision');
  await expect(page.locator('#clock')).toContainText('Decision due by');
}

test('two partners register one customer; the first registration wins, the second learns only that it is taken', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const customer = perProject(testInfo, 'Vogt Maschinenbau GmbH', 'Kessler Antriebe GmbH');
  const domain = perProject(testInfo, 'vogt-maschinen.de', 'kessler-antriebe.de');

  // Harbor registers first.
  await signIn(page, 'priya@harborit.example');
  await register(page, testInfo, customer, domain);
  await shot(page, testInfo, 'deal-submitted');

  // Northwind registers the same customer, spelt another way: it is told
  // another partner may have it, never which.
  await page.context().clearCookies();
  await signIn(page, 'olivia@northwind.example');
  await register(page, testInfo, customer.replace(' GmbH', ''), domain, true);
  await expect(page.locator('.notice-warn')).toContainText('Another partner may already have registered this customer');
  await expect(page.locator('main')).not.toContainText('Harbor');
  const second = page.url().split('?')[0];
  await noSeriousViolations(page);
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'deal-conflict-partner');

  // The channel manager sees both side by side and upholds the first.
  await page.context().clearCookies();
  await signIn(page, 'dana.cole@acme.example');
  await openArea(page, 'Deals');
  await expect(page.locator('#deals')).toContainText(customer);
  // The waiting queue by age, each band one tap from its list.
  await expect(page.locator('#ages')).toContainText('Under a day');
  await page.locator('#ages').getByRole('link', { name: /Under a day/ }).click();
  await expect(page.locator('#deals')).toContainText(customer);
  await expect(page.getByRole('link', { name: 'Download as CSV' })).toHaveAttribute('href', '/deals/export?age=under_1d');
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'deals-reviewer');
  await page.goto(second);
  await hydrated(page);
  const conflict = page.locator('section.conflict');
  await expect(conflict).toContainText(`domain ${domain}`);
  await expect(conflict).toContainText('Harbor IT Services');
  await expect(conflict).toContainText('Northwind Systems');
  await noSeriousViolations(page);
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'deal-conflict-reviewer');
  // Approving is refused while the conflict is undecided.
  await page.locator('#decide').getByRole('button', { name: 'Approve' }).click();
  await expect(page.locator('#decide')).toContainText('decide the conflict before approving');
  await conflict.getByRole('button', { name: 'The earlier one stands' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Conflict decided.' })).toBeVisible();
  await expect(page.locator('.status').first()).toHaveText('Rejected');

  // The first is approved and protected.
  await openArea(page, 'Deals');
  await page.locator('#deals a').filter({ hasText: customer }).filter({ hasText: 'Harbor IT Services' }).click();
  await page.locator('#decide').getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Decision saved.' })).toBeVisible();
  await expect(page.locator('.status').first()).toHaveText('Approved');
  await expect(page.locator('main')).toContainText('Protected until');

  // Harbor wins it: the outcome is recorded once, with the final amount.
  const approved = page.url().split('?')[0];
  await page.context().clearCookies();
  await signIn(page, 'priya@harborit.example');
  await page.goto(approved);
  await hydrated(page);
  // A word to the channel manager in the registration's conversation.
  await page.getByLabel('Comment').fill('Signed today, **thanks** @dana.cole');
  await page.getByRole('button', { name: 'Send comment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your comment is posted.' })).toBeVisible();
  await expect(page.locator('#conversation .mention')).toHaveText('@dana.cole');
  const close = page.locator('#close');
  await close.getByLabel('Final amount (USD)').fill('26,500.00');
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'deal-close');
  await close.getByRole('button', { name: 'Won' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The outcome is recorded.' })).toBeVisible();
  await expect(page.locator('.status').first()).toHaveText('Won');
  await expect(page.locator('#close')).toHaveCount(0);
  await expect(page.locator('.audit')).toContainText('$26,500.00');
});

test('a registration returned for changes opens only the flagged parts; a file travels with it', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const customer = perProject(testInfo, 'Fabrikam Fahrzeugbau GmbH', 'Contoso Cargo GmbH');
  const domain = perProject(testInfo, 'fabrikam-fahrzeugbau.de', 'contoso-cargo.de');
  await signIn(page, 'olivia@northwind.example');
  await register(page, testInfo, customer, domain);
  const url = page.url().split('?')[0];
  // A quote goes with it; a file that is not one is refused by name.
  await page.locator('#f-deal-file').setInputFiles({ name: 'quote.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') });
  await page.locator('#files').getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'File added.' })).toBeVisible();
  await expect(page.locator('#files')).toContainText('quote.pdf');
  await page.locator('#f-deal-file').setInputFiles({ name: 'page.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script>') });
  await page.locator('#files').getByRole('button', { name: 'Upload' }).click();
  await expect(page.locator('#file-error')).toContainText('PDF, JPEG, PNG or HEIC');

  // The channel manager returns it: the contact is to change.
  await page.context().clearCookies();
  await signIn(page, 'dana.cole@acme.example');
  await page.goto(url);
  await hydrated(page);
  const decide = page.locator('#decide');
  await decide.getByLabel('Note to the partner').fill('Please name the buyer, not the assistant.');
  await decide.getByRole('button', { name: 'Return for changes' }).click();
  await expect(decide).toContainText('Tick what the partner should change.');
  await decide.getByLabel('Contact', { exact: true }).check();
  await decide.getByRole('button', { name: 'Return for changes' }).click();
  await expect(page.locator('.status').first()).toHaveText('Returned for changes');
  await expect(page.locator('#returned-parts')).toContainText('Contact');

  // The partner may change the contact only.
  await page.context().clearCookies();
  await signIn(page, 'olivia@northwind.example');
  await page.goto(url);
  await page.getByRole('link', { name: 'Change the registration' }).click();
  await hydrated(page);
  await expect(page.locator('#asked-changes')).toContainText('Asked to change: Contact');
  await expect(page.getByLabel('Customer company')).toBeDisabled();
  await expect(page.getByLabel('Contact name')).toBeEnabled();
  await page.getByLabel('Contact name').fill('Lukas Brandt');
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'deal-returned-form');
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Submitted. The vendor has been told.' })).toBeVisible();
  await expect(page.locator('main')).toContainText('Lukas Brandt');
  await expect(page.getByRole('heading', { level: 1, name: customer })).toBeVisible();
});

test('the vendor admin keeps named accounts; bad input is named on its field', async ({ page }, testInfo) => {
  const name = perProject(testInfo, 'Globex Labs Phone', 'Globex Labs Desk');
  await signIn(page, 'admin@acme.example');
  await openArea(page, 'Deals');
  await page.getByRole('link', { name: 'Named accounts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Named accounts' })).toBeVisible();
  await hydrated(page);
  await page.getByLabel('Customer company').fill(name);
  await page.getByLabel('Customer website').fill('someone@gmail.com');
  await page.getByRole('button', { name: 'Add to named accounts' }).click();
  await expect(page.locator('#f-website-error')).toContainText('free-mail');
  await expect(page.getByLabel('Customer company')).toHaveValue(name);
  await page.getByLabel('Customer website').fill(`https://www.${name.toLowerCase().replace(/ /g, '-')}.com`);
  await page.getByLabel('Country').selectOption('US');
  await page.getByRole('button', { name: 'Add to named accounts' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The account is reserved.' })).toBeVisible();
  await expect(page.locator('#named-accounts')).toContainText(name);
  await noSeriousViolations(page);
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'deal-named-accounts');
  await page.getByRole('button', { name: `Remove ${name}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The account is no longer reserved.' })).toBeVisible();
  await expect(page.locator('#named-accounts')).not.toContainText(name);
});

test('bad input is named on its field and nothing typed is lost', async ({ page }, testInfo) => {
  await signIn(page, 'sam@northwind.example');
  await page.goto('/deals/new');
  await hydrated(page);
  await page.getByLabel('Customer company').fill('Brandt Logistik');
  await page.getByLabel('Customer website').fill('someone@gmail.com');
  await page.getByRole('button', { name: 'Save as draft' }).click();
  await expect(page.locator('#f-website-error')).toContainText('free-mail');
  await expect(page.locator('#f-country-error')).toContainText('country');
  await expect(page.getByLabel('Customer company')).toHaveValue('Brandt Logistik');
  await fitsThePhone(page, testInfo);
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('the registration list and form read in German', async ({ page }, testInfo) => {
    await signInInGerman(page, 'lena@nordlicht.example');
    await page.goto('/deals');
    await expect(page.getByRole('heading', { level: 1, name: 'Projektregistrierungen' })).toBeVisible();
    await page.getByRole('link', { name: 'Projekt registrieren' }).click();
    await expect(page.getByLabel('Kundenunternehmen')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Zur Genehmigung senden' })).toBeVisible();
    await fitsThePhone(page, testInfo);
    await shot(page, testInfo, 'deal-form-de');
  });
});
