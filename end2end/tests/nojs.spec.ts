import { test, expect } from '@playwright/test';
import { PASSWORD, perProject } from './helpers';

test.use({ javaScriptEnabled: false });

test('reading pages and plain forms work without JavaScript', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill('dana.cole@acme.example');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('#f-password-error')).toContainText("don't match");
  await expect(page.getByLabel('Work email')).toHaveValue('dana.cole@acme.example');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Dana' })).toBeVisible();
  await expect(page.getByText('Partners assigned to you')).toBeVisible();

  await page.goto('/partners');
  await page.getByRole('search').getByLabel('Region').selectOption('na');
  await page.getByLabel('Search').fill('north');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('1 partner matches')).toBeVisible();
  await page.getByRole('link', { name: /Northwind Systems/ }).click();
  await page.getByLabel('Website').fill('bad website');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.locator('#f-website-error')).toContainText('Enter a web address');
  await expect(page.getByLabel('Website')).toHaveValue('bad website');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('a contact is added by hand without JavaScript', async ({ page, baseURL }, testInfo) => {
  const partner = perProject(testInfo, 'lena@nordlicht.example', 'oliver@tamesis.example');
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill(partner);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  // The demo's German partner, in English for this test.
  await page.request.post('/api/set_language', { form: { lang: 'en' }, headers: { Origin: baseURL! } });
  await page.goto('/contacts');
  const form = page.locator('#add-contact');
  // No consent ticked: the page comes back with the message and the typed values.
  await form.getByLabel('E-mail address').fill('noor@plain-form.example');
  await form.getByLabel('Name', { exact: true }).fill('Noor Haddad');
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(form.locator('#contact-consent-error')).toContainText('Confirm that they agreed');
  await expect(form.getByLabel('E-mail address')).toHaveValue('noor@plain-form.example');
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('Noor Haddad');
  await form.getByLabel('They agreed to receive marketing e-mail from us').check();
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Contact added.' })).toBeVisible();
  await expect(page.locator('#contacts tbody tr').filter({ hasText: 'noor@plain-form.example' })).toContainText('Noor Haddad');
});

test('a forum topic reads and takes a reply without JavaScript', async ({ page }, testInfo) => {
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill('priya@harborit.example');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto('/forum');
  await page.getByRole('link', { name: /Licence renewal for multi-site/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Licence renewal/ })).toBeVisible();
  await expect(page.locator('.post').nth(1)).toBeVisible();
  // Quote and Flag are links: the server opens the flag form and starts the
  // reply with the quote.
  const question = page.locator('.post').filter({ hasText: 'How do we co-term renewals' });
  await question.getByRole('link', { name: 'Flag' }).click();
  await expect(question.getByLabel('What is wrong?')).toBeVisible();
  await question.getByRole('link', { name: 'Quote' }).click();
  await expect(page.getByLabel('Reply', { exact: true })).toHaveValue(/^@[\w.]+ wrote:\n> How do we co-term renewals/);
  // Too short: the error comes back on the page.
  await page.getByLabel('Reply', { exact: true }).fill('x');
  await page.getByRole('button', { name: 'Post reply' }).click();
  await expect(page.getByText('Write something first.')).toBeVisible();
  const text = `Co-terming works through the renewal desk (${testInfo.project.name}).`;
  await page.getByLabel('Reply', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Post reply' }).click();
  await expect(page.locator('.post').filter({ hasText: text })).toBeVisible();
});
