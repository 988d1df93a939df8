import { test, expect, Browser, Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hydrated, noSeriousViolations, perProject, signIn, openArea, expectCurrentArea, mainNav } from './helpers';

/** Nothing on the page is wider than the screen (no sideways scrolling on a phone). */
async function noSideScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

async function signedIn(browser: Browser, email: string, viewport: { width: number; height: number } | null) {
  const context = await browser.newContext({ viewport: viewport ?? undefined });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

test('forum: ask on a phone, reply with a mention, notify, accept, search', async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const title = perProject(testInfo, 'Port-channel flaps after the AX7 upgrade', 'Port-channel flaps after the AX7 upgrade (desk)');
  const words = perProject(testInfo, 'lacp timers', 'lacp rate');

  // Jan asks.
  await signIn(page, 'jan@eurolink.example');
  await openArea(page, 'Community');
  await expect(page.getByRole('heading', { level: 1, name: 'Community' })).toBeVisible();
  await hydrated(page);
  await noSeriousViolations(page);
  await page.getByRole('link', { name: 'Ask a question' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ask the community' })).toBeVisible();
  await noSideScroll(page);
  await page.getByLabel('Category').selectOption({ label: 'Technical questions' });
  await page.getByLabel('Title').fill('Flaps');
  await page.getByRole('button', { name: 'Post question' }).click();
  await expect(page.getByText(/at least 8 characters/)).toBeVisible();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Details').fill('Since the upgrade our **port-channel** to the core flaps every few minutes. Any idea?');
  await page.getByLabel('Tags (optional)').fill('ax7, lacp');
  await page.getByRole('button', { name: 'Post question' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.locator('.post-body strong')).toHaveText('port-channel');
  await hydrated(page);
  await noSeriousViolations(page);
  await noSideScroll(page);
  const topicUrl = page.url();

  // Ines answers and mentions him, picking his handle from the suggestions.
  const ines = await signedIn(browser, 'ines@bluepeak.example', page.viewportSize());
  await ines.page.goto(topicUrl);
  await hydrated(ines.page);
  const box = ines.page.getByLabel('Reply', { exact: true });
  await box.click();
  await box.pressSequentially(`Check the ${words} on both ends, @jan.de`);
  await ines.page.getByRole('option').filter({ hasText: '@jan.de.vries' }).click();
  await expect(box).toHaveValue(`Check the ${words} on both ends, @jan.de.vries `);
  await box.pressSequentially('they must match.');
  await ines.page.getByRole('button', { name: 'Post reply' }).click();
  await expect(ines.page.locator('.post').filter({ hasText: 'they must match' })).toBeVisible();
  await expect(box).toHaveValue('');

  // Jan's open page shows the reply without a reload (server-sent events).
  await expect(page.locator('.post').filter({ hasText: 'they must match' })).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.post .mention').filter({ hasText: '@jan.de.vries' })).toBeVisible();

  // The mention reached Jan: the bell counts it, the list links to it.
  await page.reload();
  await expect(page.getByRole('link', { name: /Notifications: \d+ unread/ })).toBeVisible();
  await page.getByRole('link', { name: /Notifications: \d+ unread/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await noSeriousViolations(page);
  await page.getByRole('link', { name: `Ines Duarte mentioned you in “${title}”` }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // He accepts her answer; it shows under the question.
  await hydrated(page);
  await page.locator('.post').filter({ hasText: 'they must match' }).getByRole('button', { name: /Accept answer/ }).click();
  await expect(page.getByRole('heading', { name: 'Accepted answer' })).toBeVisible();
  await expect(page.locator('.accepted')).toContainText('they must match');

  // Search finds it, marked solved.
  await page.goto('/forum/search');
  await page.getByLabel('Words to find').fill(words);
  await page.getByRole('button', { name: 'Search' }).click();
  const hit = page.locator('.search-hits li').filter({ hasText: title });
  await expect(hit).toBeVisible();
  await expect(hit.getByText('Solved')).toBeVisible();
  await noSeriousViolations(page);
  await ines.context.close();
});

test('forum: like, quote and flag a post', async ({ page }, testInfo) => {
  await signIn(page, perProject(testInfo, 'priya@harborit.example', 'jan@eurolink.example'));
  await page.goto('/forum');
  await page.getByRole('link', { name: /Welcome to the Acme partner community/ }).click();
  await hydrated(page);
  const reply = page.locator('.post').filter({ hasText: 'Great to have this' });

  const like = reply.getByRole('button', { name: /^\d+ likes?$/ });
  await expect(like).toHaveAttribute('aria-pressed', 'false');
  const before = Number((await like.textContent())!.match(/\d+/)![0]);
  await like.click();
  await expect(like).toHaveAttribute('aria-pressed', 'true');
  await expect(like).toHaveAccessibleName(`${before + 1} like${before + 1 === 1 ? '' : 's'}`);

  // The quote comes from the server (the page carries only the HTML).
  await page.locator('.post').filter({ hasText: 'This is the place to' }).getByRole('link', { name: 'Quote' }).click();
  await expect(page.getByLabel('Reply', { exact: true })).toHaveValue(/^@[\w.]+ wrote:\n> Hello partners!/);

  // One flag form, opened under the post it is for.
  await expect(page.locator('.flag-form')).toHaveCount(0);
  await reply.getByRole('link', { name: 'Flag' }).click();
  await expect(page.locator('.flag-form')).toHaveCount(1);
  await reply.getByLabel('What is wrong?').selectOption({ label: 'Off topic' });
  await reply.getByRole('button', { name: 'Send to moderators' }).click();
  await expect(page.getByText('Thanks. The moderators will look at that post.')).toBeVisible();
  await expect(reply.getByText('Flagged', { exact: true })).toBeVisible();
  await noSeriousViolations(page);
});

test('forum: a reply posted elsewhere appears on an open topic without reloading it', async ({ page, browser }, testInfo) => {
  await signIn(page, 'sam@northwind.example');
  await page.goto('/forum');
  await page.getByRole('link', { name: /Licence renewal for multi-site/ }).click();
  await hydrated(page);
  await expectCurrentArea(page, 'Community');
  await expect(mainNav(page).getByRole('link', { name: 'Home' })).not.toHaveAttribute('aria-current', 'page');
  // Survives only as long as the page is not loaded again.
  await page.evaluate(() => { (window as unknown as { notReloaded: boolean }).notReloaded = true; });
  const text = `${perProject(testInfo, 'Seen live on the phone', 'Seen live at the desk')} ${Date.now()}`;
  const olivia = await signedIn(browser, 'olivia@northwind.example', page.viewportSize());
  await olivia.page.goto(page.url());
  await hydrated(olivia.page);
  await olivia.page.getByLabel('Reply', { exact: true }).fill(text);
  await olivia.page.getByRole('button', { name: 'Post reply' }).click();
  await expect(olivia.page.locator('.post').filter({ hasText: text })).toBeVisible();
  await expect(page.locator('.fresh .post').filter({ hasText: text })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await olivia.context.close();
});

test('forum: a reply draft survives a reload', async ({ page }, testInfo) => {
  await signIn(page, 'sam@northwind.example');
  await page.goto('/forum');
  await page.getByRole('link', { name: /Licence renewal for multi-site/ }).click();
  await hydrated(page);
  const draft = perProject(testInfo, 'Half-written on the phone', 'Half-written at the desk');
  await page.getByLabel('Reply', { exact: true }).pressSequentially(draft);
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel('Reply', { exact: true })).toHaveValue(draft);
});

test('forum: an XSS corpus posted as a question runs nothing in the browser', async ({ page }, testInfo) => {
  const corpus = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'xss-corpus.txt'), 'utf8');
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await signIn(page, 'olivia@northwind.example');
  await page.goto('/forum/new');
  await hydrated(page);
  await page.getByLabel('Category').selectOption({ label: 'Marketing and MDF' });
  await page.getByLabel('Title').fill(perProject(testInfo, 'Markup test from a phone', 'Markup test from a desk'));
  await page.getByLabel('Details').fill(corpus);
  await page.getByRole('button', { name: 'Post question' }).click();
  await expect(page.locator('.post-body').first()).toBeVisible();
  await hydrated(page);
  // Hover and focus everything the post holds, to trip any handler left.
  for (const el of await page.locator('.post-body *').all()) {
    await el.hover({ force: true, timeout: 1000 }).catch(() => {});
  }
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toBe(0);
  expect(await page.locator('.post-body script, .post-body iframe, .post-body object, .post-body embed, .post-body svg, .post-body style').count()).toBe(0);
  const hrefs = await page.locator('.post-body a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.filter((h) => /^\s*(javascript|vbscript|data):/i.test(h))).toEqual([]);
});

test('forum: a picture added from the phone shows in the reply', async ({ page }) => {
  // A 1×1 PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  await signIn(page, 'ines@bluepeak.example');
  await page.goto('/forum');
  await page.getByRole('link', { name: /AX7 access points drop clients/ }).click();
  await hydrated(page);
  await page.locator('#reply-body-picture').setInputFiles({ name: 'not-a-picture.png', mimeType: 'image/png', buffer: Buffer.from('hello') });
  await expect(page.locator('#reply-body-picture-status')).toHaveText(/PNG, JPEG, WebP or GIF/);
  await page.locator('#reply-body-picture').setInputFiles({ name: 'rack.png', mimeType: 'image/png', buffer: png });
  await expect(page.locator('#reply-body-picture-status')).toHaveText('Picture added.');
  await expect(page.getByLabel('Reply', { exact: true })).toHaveValue(/^!\[rack\]\(\/forum\/files\/\d+\/[\w-]+\.png\)\n$/);
  await page.getByRole('button', { name: 'Post reply' }).click();
  const img = page.locator('.post-body img[alt="rack"]').last();
  await expect(img).toBeVisible();
  expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(1);
});

test('forum: a new question keeps its draft across a reload, offers @mentions, and forgets the draft once posted', async ({ page }, testInfo) => {
  const title = perProject(testInfo, 'Draft kept on a phone: AX7 PoE budget?', 'Draft kept on a desktop: AX7 PoE budget?');
  await signIn(page, 'jan@eurolink.example');
  await page.goto('/forum/new');
  await hydrated(page);
  const details = page.getByLabel('Details');
  await details.fill('How much PoE does the AX7 give per port?');
  await page.reload();
  await hydrated(page);
  await expect(details).toHaveValue('How much PoE does the AX7 give per port?');
  // Typing @ and a name offers people to mention.
  await details.pressSequentially(' @pri');
  await expect(page.locator('#topic-body-mentions [role="option"]').first()).toContainText('@priya');
  await page.getByLabel('Category').selectOption({ label: 'Technical questions' });
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Post question' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.goto('/forum/new');
  await hydrated(page);
  await expect(page.getByLabel('Details')).toHaveValue('');
});
