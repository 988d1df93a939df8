import { test, expect } from '@playwright/test';
import { PASSWORD, fitsThePhone, hydrated, mailedLink, mainNav, perProject, shot, signIn } from './helpers';

test('sign in: wrong password is explained beside the field, then the dashboard opens', async ({ page }, testInfo) => {
  await page.goto('/sign-in');
  await hydrated(page);
  await shot(page, testInfo, 'sign-in');
  await page.getByLabel('Work email').fill('admin@acme.example');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('#f-password-error')).toContainText("don't match");
  await expect(page.getByLabel('Work email')).toHaveValue('admin@acme.example');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Alex' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await shot(page, testInfo, 'dashboard-vendor');
  // Every navigation target is big enough for a thumb; a phone shows four
  // tabs and "More", whose sheet holds the rest of the admin's areas.
  const nav = mainNav(page);
  for (const link of await nav.getByRole('link').all()) {
    const box = await link.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
  }
  if (testInfo.project.name === 'phone') {
    await expect(nav.getByRole('link')).toHaveCount(4);
    const tabs = await nav.locator('.tabbar > li').all();
    expect(tabs.length).toBe(5);
    for (const tab of tabs) expect((await tab.boundingBox())!.width).toBeGreaterThanOrEqual(70);
    await nav.getByText('More').click();
    await expect(nav.getByRole('link', { name: 'Users' })).toBeVisible();
    await expect(nav.locator('.more-sheet').getByText('Program', { exact: true })).toBeVisible();
    await shot(page, testInfo, 'more-sheet-vendor');
    await fitsThePhone(page, testInfo);
    await nav.getByText('More').click();
  } else {
    await expect(nav.getByRole('link', { name: 'Users' })).toBeVisible();
    await expect(nav.locator('.sidebar').getByText('Program', { exact: true })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('client-side check mirrors the server before submitting', async ({ page }) => {
  // Sign-in loads no code (the server checks there); the reset request checks in the browser.
  await page.goto('/forgot-password');
  await hydrated(page);
  await page.getByLabel('Work email').fill('not-an-email');
  await page.getByLabel('Work email').blur();
  await expect(page.locator('#f-email-error')).toContainText('Enter an email address');
  // Nothing was sent: the check ran in the browser.
  await expect(page).toHaveURL(/\/forgot-password$/);
});

test('password reset by emailed link', async ({ page }, testInfo) => {
  const email = perProject(testInfo, 'luke@prairienet.example', 'mia@koalasecure.example');
  await page.goto('/forgot-password');
  await hydrated(page);
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status')).toContainText("we've emailed a link");
  const link = await mailedLink(email, '/reset-password');
  await page.goto(link);
  await hydrated(page);
  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByLabel('Repeat the new password').fill('short');
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.locator('#f-password-error')).toContainText('at least 10');
  await page.getByLabel('New password', { exact: true }).fill('fresh password 2026');
  await page.getByLabel('Repeat the new password').fill('fresh password 2026');
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password was changed');
  await signIn(page, email, 'fresh password 2026');
});

test('own account page, and unknown pages show a real 404', async ({ page }) => {
  await signIn(page, 'maya.lin@acme.example');
  await page.getByRole('link', { name: 'Account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await hydrated(page);
  await page.getByLabel('Current password').fill('not it');
  await page.getByLabel('New password', { exact: true }).fill('another good password');
  await page.getByLabel('Repeat the new password').fill('another good password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('#f-current-error')).toContainText('not your current password');
  const res = await page.goto('/nothing/here');
  expect(res!.status()).toBe(404);
  await expect(page.getByRole('heading', { name: "We couldn't find that page" })).toBeVisible();
});
