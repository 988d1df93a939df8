import { test, expect } from '@playwright/test';
import { fitsThePhone, hydrated, noSeriousViolations, perProject, shot, signIn, signInInGerman } from './helpers';

// Each project reads a different member's notifications, so both can run
// on one database: the demo forum left each of them an unread reply.
const who = (testInfo: Parameters<typeof perProject>[0]) =>
  perProject(testInfo, 'olivia@northwind.example', 'dana.cole@acme.example');
const topicOf = (testInfo: Parameters<typeof perProject>[0]) =>
  perProject(testInfo, 'What counts as proof of performance', 'Early access: AX9 controller beta');

test('the home page and the bell lead to what needs you, and each kind is heard as chosen', async ({ page }, testInfo) => {
  await signIn(page, who(testInfo));
  const topic = topicOf(testInfo);
  const card = page.locator('.needs-you');
  await expect(card.getByRole('heading', { name: 'Needs you' })).toBeVisible();
  // The demo's history left each of them work, listed before notifications.
  await expect(card.locator('#work li').first()).toContainText(
    perProject(testInfo, 'Change and resend the fund request', 'for your review'),
  );
  await fitsThePhone(page, testInfo);
  await shot(page, testInfo, 'notifications-home');

  await hydrated(page);
  await page.locator('a.bell').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await hydrated(page);
  const item = page.locator('ul.notifications li.unread').filter({ hasText: topic }).first();
  await expect(item).toContainText('replied in');
  await fitsThePhone(page, testInfo);
  await noSeriousViolations(page);
  await shot(page, testInfo, 'notifications');

  // Opening it goes to the post and marks it read.
  await item.getByRole('link').click();
  await expect(page).toHaveURL(/\/forum\/topics\/\d+#post-\d+/);
  await expect(page.getByRole('heading', { level: 1, name: topic })).toBeVisible();
  await page.goto('/notifications');
  await expect(page.locator('ul.notifications li').filter({ hasText: topic }).first()).not.toHaveClass(/unread/);

  // Replies in a daily e-mail, then back.
  await hydrated(page);
  const settings = page.locator('#settings');
  const replies = settings.getByLabel('Replies in topics and categories I watch');
  await expect(replies).toHaveValue('bell');
  await replies.selectOption('digest');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByRole('status')).toContainText('Your notification settings are saved.');
  await expect(settings.getByLabel('Replies in topics and categories I watch')).toHaveValue('digest');
  await shot(page, testInfo, 'notifications-settings');
  await settings.getByLabel('Replies in topics and categories I watch').selectOption('bell');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByLabel('Replies in topics and categories I watch')).toHaveValue('bell');

  // The forum's old address still leads here.
  await page.goto('/forum/notifications');
  await expect(page).toHaveURL(/\/notifications$/);
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('notifications and their settings read in German', async ({ page }, testInfo) => {
    await signInInGerman(page, 'olivia@northwind.example');
    try {
      await page.goto('/notifications');
      await expect(page.getByRole('heading', { level: 1, name: 'Benachrichtigungen' })).toBeVisible();
      await expect(page.locator('ul.notifications')).toContainText('hat in „What counts as proof of performance');
      const settings = page.locator('#settings');
      await expect(settings.getByRole('heading', { name: 'Wie Sie davon erfahren' })).toBeVisible();
      await expect(settings.getByRole('group', { name: 'Marketingmittel' })).toBeVisible();
      await expect(settings.getByLabel('Jemand erwähnt mich im Forum')).toHaveValue('mail');
      await fitsThePhone(page, testInfo);
      await shot(page, testInfo, 'notifications-de');
    } finally {
      await page.goto('/account');
      await hydrated(page);
      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    }
  });
});
