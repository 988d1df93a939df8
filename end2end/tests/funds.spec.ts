import { test, expect } from '@playwright/test';
import { hydrated, noSeriousViolations, perProject, shot, signIn, openArea } from './helpers';

test('funds: request on a phone, partial approval, claim with proof, partial claim approval, payment', async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const budget = perProject(testInfo, 'Q1 events phone', 'Q1 events desktop');
  const title = perProject(testInfo, 'Seattle webinar (phone)', 'Seattle webinar (desktop)');

  // Vendor admin creates a budget and allocates to Northwind.
  await signIn(page, 'admin@acme.example');
  await openArea(page, 'Funds');
  await expect(page.getByRole('heading', { level: 1, name: 'Market development funds' })).toBeVisible();
  await hydrated(page);
  await noSeriousViolations(page);
  await page.getByLabel('Name', { exact: true }).fill(budget);
  await page.getByLabel('Kind').selectOption('marketing');
  await page.getByLabel('Total').fill('0');
  await page.getByLabel('Starts').fill('2027-01-01');
  await page.getByLabel('Ends').fill('2027-03-31');
  await page.getByRole('button', { name: 'Create budget' }).click();
  await expect(page.locator('#f-total-error')).toContainText('above zero');
  await page.getByLabel('Total').fill('20,000');
  await page.getByRole('button', { name: 'Create budget' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Budget created' })).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('');
  await page.getByLabel('From budget').selectOption({ label: `${budget} (USD)` });
  await page.getByLabel('To', { exact: true }).selectOption({ label: 'Northwind Systems' });
  await page.locator('#f-allocate-amount').fill('5000');
  await page.getByRole('button', { name: 'Allocate' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Funds allocated' })).toBeVisible();
  await shot(page, testInfo, 'funds-vendor');

  // Partner requests funds.
  const partnerContext = await browser.newContext({ viewport: page.viewportSize()!, isMobile: testInfo.project.name === 'phone', hasTouch: testInfo.project.name === 'phone' });
  const partner = await partnerContext.newPage();
  await signIn(partner, 'olivia@northwind.example');
  await partner.goto('/funds');
  await expect(partner.getByRole('heading', { name: 'Your funds' })).toBeVisible();
  await partner.getByRole('link', { name: 'Request funds' }).click();
  await expect(partner.getByRole('heading', { level: 1, name: 'Request funds' })).toBeVisible();
  await hydrated(partner);
  await noSeriousViolations(partner);
  const option = partner.locator('#f-allocation_id option', { hasText: budget });
  await partner.getByLabel('Funds to draw from').selectOption((await option.getAttribute('value'))!);
  await partner.getByLabel('Activity').selectOption('webinar');
  await partner.getByLabel('Title').fill(title);
  await partner.getByLabel('What you plan to do').fill('Campus Wi-Fi webinar for 200 IT leads.');
  await partner.getByLabel('Starts').fill('2027-02-10');
  await partner.getByLabel('Ends').fill('2027-02-10');
  await partner.getByLabel('Amount requested').fill('9,000');
  await partner.getByRole('button', { name: 'Submit request' }).click();
  await expect(partner.locator('#f-amount-error')).toContainText('is available');
  await expect(partner.getByLabel('Title')).toHaveValue(title);
  await partner.getByLabel('Amount requested').fill('2,000');
  await partner.getByRole('button', { name: 'Submit request' }).click();
  await expect(partner.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(partner.getByText('Waiting for review').first()).toBeVisible();
  await shot(partner, testInfo, 'fund-request');

  // Channel manager approves part of it, with a reason.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await signIn(page, 'dana.cole@acme.example');
  // Her home page says what waits for her; one tap opens the queue.
  await page.locator('#work').getByRole('link', { name: /fund requests? waits? for your review/ }).click();
  await expect(page).toHaveURL(/\/funds\?status=submitted$/);
  await page.getByRole('link', { name: new RegExp(title.replace(/[()]/g, '\\$&')) }).first().click();
  await expect(page.getByRole('heading', { name: 'Your decision' })).toBeVisible();
  await hydrated(page);
  await noSeriousViolations(page);
  await page.getByLabel('Amount to approve').fill('1,500');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.locator('#f-decide-reason-error')).toContainText('Say why');
  await expect(page.getByLabel('Amount to approve')).toHaveValue('1,500');
  await page.getByLabel('Note to the partner').fill('Venue capped at $1,500');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Decision saved' })).toBeVisible();
  await expect(page.locator('.page-head .status')).toHaveText('Approved');

  // The partner sees the decision and the balances.
  await partner.goto('/funds');
  const card = partner.locator('section.card', { hasText: budget });
  await expect(card.locator('dd.big')).toHaveText('$3,500.00');
  await expect(card).toContainText('$1,500.00');
  await shot(partner, testInfo, 'funds-partner');

  // After the webinar: the partner claims with proof.
  await partner.getByRole('link', { name: new RegExp(title.replace(/[()]/g, '\\$&')) }).click();
  await expect(partner.getByRole('heading', { name: 'Start your claim' })).toBeVisible();
  await hydrated(partner);
  await noSeriousViolations(partner);
  await partner.getByLabel('Amount spent').fill('1,400');
  await partner.getByLabel('What the activity achieved').fill('180 attendees, 28 qualified leads.');
  await partner.getByRole('button', { name: 'Save figures' }).click();
  await expect(partner.getByRole('status').filter({ hasText: 'Claim figures saved' })).toBeVisible();
  // A second tab on the saved claim goes stale when the first one saves again.
  const staleTab = await partnerContext.newPage();
  await staleTab.goto(partner.url());
  await hydrated(staleTab);
  await expect(staleTab.getByLabel('What the activity achieved')).toHaveValue('180 attendees, 28 qualified leads.');
  await partner.getByLabel('What the activity achieved').fill('180 attendees, 30 qualified leads.');
  await Promise.all([
    // A plain form post answers with a redirect, a script's call with 200.
    partner.waitForResponse((r) => r.url().endsWith('/api/save_claim') && r.status() < 400),
    partner.getByRole('button', { name: 'Save figures' }).click(),
  ]);
  // Its refused save says why and keeps what was typed there.
  await staleTab.getByLabel('What the activity achieved').fill('Typed in the stale tab');
  await staleTab.getByRole('button', { name: 'Save figures' }).click();
  await expect(staleTab.getByText('Someone else changed this claim')).toBeVisible();
  await expect(staleTab.getByLabel('What the activity achieved')).toHaveValue('Typed in the stale tab');
  await staleTab.close();
  await partner.getByRole('button', { name: 'Submit claim' }).click();
  await expect(partner.getByText('Add at least one proof')).toBeVisible();
  await partner.getByLabel('Or choose files').setInputFiles({ name: 'invoice.txt', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
  await partner.getByRole('button', { name: 'Upload proof' }).click();
  await expect(partner.locator('#proof-error')).toContainText('PDF, JPEG, PNG or HEIC');
  await partner.getByLabel('Or choose files').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF') });
  await partner.getByRole('button', { name: 'Upload proof' }).click();
  await expect(partner.getByRole('status').filter({ hasText: 'Proof uploaded' })).toBeVisible();
  await expect(partner.getByRole('link', { name: 'invoice.pdf' })).toBeVisible();
  await hydrated(partner);
  await partner.getByRole('button', { name: 'Submit claim' }).click();
  await expect(partner.getByRole('status').filter({ hasText: 'Claim submitted' })).toBeVisible();
  await shot(partner, testInfo, 'claim-submitted');

  // The channel manager approves part of the claim.
  const requestUrl = partner.url().split('?')[0];
  await page.goto(requestUrl);
  await expect(page.getByRole('heading', { name: 'Review the claim' })).toBeVisible();
  await hydrated(page);
  await page.getByLabel('Amount to approve for payment').fill('1,200');
  await page.getByLabel('Note to the partner').fill('Catering is not eligible');
  await page.getByRole('button', { name: 'Approve claim' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Claim decision saved' })).toBeVisible();

  // Finance pays.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await signIn(page, 'felix.ortiz@acme.example');
  await page.goto(requestUrl);
  await expect(page.getByRole('heading', { name: 'Record the payment' })).toBeVisible();
  await hydrated(page);
  await page.getByLabel('Paid on').fill('2027-03-01');
  await page.getByLabel('Payment reference').fill('PAY-2027-0042');
  await page.getByRole('button', { name: 'Mark as paid' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Payment recorded' })).toBeVisible();

  // Both sides see the same figures.
  await partner.goto('/funds');
  const after = partner.locator('section.card', { hasText: budget });
  await expect(after.locator('dd.big')).toHaveText('$3,800.00');
  await expect(after.locator('.balance-figures')).toContainText('Paid$1,200.00');
  await page.goto('/funds');
  await expect(page.locator('section.card', { hasText: budget }).first()).toContainText('$1,200.00');
  await partnerContext.close();
});
