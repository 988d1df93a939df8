import { test, expect, Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fitsThePhone, hydrated, noSeriousViolations, perProject, shot, signIn, openArea } from './helpers';

/** Campaign e-mails in the outbox with this subject, as decoded text. */
function campaignMails(subject: string): string[] {
  const dir = path.join(process.env.PRM_E2E_DATA_DIR!, 'outbox');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir)
    .filter((f) => f.startsWith('campaign-') && f.endsWith('.eml'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '='))
    .filter((m) => m.includes(`Subject: ${subject}`));
}

async function signOut(page: Page) {
  await page.context().clearCookies();
}

test('campaigns: vendor publishes, partner opts in, imports 5 contacts and sends; the vendor sees 5 sent', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const name = perProject(testInfo, 'Phone launch campaign', 'Desktop launch campaign');
  const subject = perProject(testInfo, 'The AX7 reaches phones', 'The AX7 reaches desks');
  // Each run uses its own partner company, so its contacts are its own.
  const partner = perProject(testInfo, 'priya@harborit.example', 'jan@eurolink.example');
  const domain = perProject(testInfo, 'phone-customer.example', 'desk-customer.example');

  // The vendor's marketing manager builds and publishes the campaign.
  await signIn(page, 'maya.lin@acme.example');
  await page.goto('/campaigns/new');
  await hydrated(page);
  await page.getByRole('button', { name: 'Create campaign' }).click();
  await expect(page.getByText('Enter a name.')).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Goal', { exact: true }).fill('200 qualified leads for the AX7');
  await page.getByLabel('Starts').fill('2026-01-01');
  await page.getByLabel('Ends').fill('2099-12-31');
  await page.getByLabel('E-mail template').selectOption({ label: 'AX7 announcement email' });
  await page.getByLabel('Subject line').fill(subject);
  await page.getByLabel('Suggested schedule').fill('Week 1: send the e-mail\nWeek 2: post on social');
  await page.getByRole('button', { name: 'Create campaign' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await hydrated(page);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published' })).toBeVisible();
  await signOut(page);

  // The partner finds it, opts in and imports contacts (one bad row).
  await signIn(page, partner);
  await openArea(page, 'Campaigns');
  await page.getByRole('link', { name }).click();
  await hydrated(page);
  await page.getByRole('button', { name: 'Opt in' }).click();
  await expect(page.getByRole('status').filter({ hasText: "You're in" })).toBeVisible();
  await expect(page.getByText(/E-mail: AX7 announcement email/)).toBeVisible();
  await page.getByRole('link', { name: 'Import or view contacts' }).click();
  await hydrated(page);
  const rows = ['a', 'b', 'c', 'd', 'e'].map((p) => `${p}@${domain},${p.toUpperCase()} Person,Customer,yes`);
  await page.getByLabel('…or paste it here').fill(['email,name,company,consent', ...rows, 'broken-address,X,,yes'].join('\n'));
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.locator('#import-summary')).toContainText('5 rows ready to import');
  await expect(page.locator('#import-problems')).toContainText('Not a valid e-mail address.');
  await shot(page, testInfo, 'campaign-import');
  await page.getByRole('button', { name: 'Import 5 contacts' }).click();
  await expect(page.locator('#import-result')).toHaveText('Imported 5 contacts. 1 row was left out, as the check showed.');
  await expect(page.locator('#contacts tbody tr')).toHaveCount(5);

  // Send now.
  await page.goto('/campaigns');
  await page.getByRole('link', { name }).click();
  await hydrated(page);
  await expect(page.getByText('5 contacts can receive e-mail.')).toBeVisible();
  await page.getByRole('button', { name: 'Send e-mail' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Queued 5 e-mails' })).toBeVisible();
  await shot(page, testInfo, 'campaign-partner');
  // No sideways scrolling on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  // The queue delivers five co-branded e-mails, each with an unsubscribe link.
  await expect.poll(() => campaignMails(subject).length, { timeout: 20_000 }).toBe(5);
  for (const mail of campaignMails(subject)) {
    expect(mail).toMatch(/List-Unsubscribe: <http:\/\/127\.0\.0\.1:\d+\/m\/u\/\d+\/[A-Za-z0-9_-]+>/);
    expect(mail).toContain('/m/u/');
    expect(mail).toContain(`@${domain}`);
  }
  const org = perProject(testInfo, 'Harbor IT Services', 'Eurolink Distribution');
  expect(campaignMails(subject).every((m) => m.includes(org))).toBe(true);

  // A contact can be removed (say, on their request).
  await page.goto('/contacts');
  await hydrated(page);
  await page.getByRole('button', { name: `Remove e@${domain}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Contact removed' })).toBeVisible();
  await expect(page.locator('#contacts tbody tr')).toHaveCount(4);

  // The unsubscribe link works for a recipient without an account.
  await signOut(page);
  const link = campaignMails(subject).find((m) => m.includes(`To: a@${domain}`))!.match(/http:\/\/127\.0\.0\.1:\d+\/m\/u\/\d+\/[A-Za-z0-9_-]+/)![0];
  await page.goto(link);
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(page.getByRole('heading', { name: 'You are unsubscribed' })).toBeVisible();

  // Another asks the partner to get in touch: a name is needed, what was
  // typed stays, and the answer is sent.
  const bakery = perProject(testInfo, 'Brandt Bakery (phone)', 'Brandt Bakery (desktop)');
  const respond = campaignMails(subject).find((m) => m.includes(`To: b@${domain}`))!.match(/http:\/\/127\.0\.0\.1:\d+\/m\/r\/\d+\/[A-Za-z0-9_-]+/)![0];
  await page.goto(respond);
  await expect(page.getByRole('heading', { level: 1, name: `Ask ${org} to get in touch` })).toBeVisible();
  await page.getByLabel('Your name').fill('');
  await page.getByLabel('What would you like to talk about? (optional)').fill('A quote for 40 AX7 units, please.');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Enter your name.')).toBeVisible();
  await expect(page.getByLabel('What would you like to talk about? (optional)')).toHaveValue('A quote for 40 AX7 units, please.');
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'campaign-response');
  await page.getByLabel('Your name').fill('Bea Brandt');
  await page.getByLabel('Company').fill(bakery);
  await page.getByLabel('Country').selectOption('DE');
  await page.getByLabel('City (optional)').fill('Berlin');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();
  await expect(page.getByText(`${org} has your request and will get in touch.`)).toBeVisible();

  // The vendor's campaign view shows five sent.
  await signIn(page, 'maya.lin@acme.example');
  await page.goto('/campaigns');
  await page.getByRole('link', { name }).click();
  await expect(page.locator('dd[data-stat="sent"]').first()).toHaveText('5');
  await expect(page.locator('dd[data-stat="unsubscribed"]').first()).toHaveText('1');
  await expect(page.locator('dd[data-stat="asked to be contacted"]').first()).toHaveText('1');
  // …and the answer among the leads, offered to the partner that sent it.
  await page.goto('/leads');
  await expect(page.locator('main li').filter({ hasText: bakery })).toContainText(org);
  await page.goto('/campaigns');
  await page.getByRole('link', { name }).click();
  await expect(page.locator('#partner-results')).toContainText(org);
  await hydrated(page);
  await expect(page.locator('.chart svg').first()).toBeVisible();
  await shot(page, testInfo, 'campaign-vendor');
  await noSeriousViolations(page);
});

test('contacts: a partner adds one contact by hand; a valid address and consent are required', async ({ page }, testInfo) => {
  // A company no other test adds contacts to, one per project.
  const partner = perProject(testInfo, 'camila@andes.example', 'haruto@sakura.example');
  const address = perProject(testInfo, 'kim@phone-trading.example', 'kim@desk-trading.example');
  await signIn(page, partner);
  await page.goto('/contacts');
  await hydrated(page);
  const form = page.locator('#add-contact');
  await form.getByLabel('E-mail address').fill('kim@trading');
  await form.getByLabel('Company').fill('Kim Trading');
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(form.locator('#contact-email-error')).toContainText('Enter an email address like');
  await expect(form.locator('#contact-consent-error')).toContainText('Confirm that they agreed');
  await expect(form.getByLabel('Company')).toHaveValue('Kim Trading');
  await form.getByLabel('E-mail address').fill(address);
  await form.getByLabel('Name', { exact: true }).fill('Kim Park');
  await form.getByLabel('They agreed to receive marketing e-mail from us').check();
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Contact added.' })).toBeVisible();
  const row = page.locator('#contacts tbody tr').filter({ hasText: address });
  await expect(row).toContainText('Kim Park');
  await expect(row).toContainText('Kim Trading');
  // The form starts over for the next contact.
  await expect(form.getByLabel('E-mail address')).toHaveValue('');
  await shot(page, testInfo, 'contact-added');
  // The same address again is refused; the list keeps one.
  await form.getByLabel('E-mail address').fill(address.toUpperCase());
  await form.getByLabel('They agreed to receive marketing e-mail from us').check();
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(form.locator('#contact-email-error')).toContainText('Already in your contacts.');
  await expect(page.locator('#contacts tbody tr').filter({ hasText: address })).toHaveCount(1);
  await noSeriousViolations(page);
});
