import { expect, Page, TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PASSWORD = 'partner-demo-2026';

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Hello/ })).toBeVisible();
  // Hydration waits for browser idle time: a link clicked before it is a
  // full page load, and a later hydrated() could still see the old page.
  await hydrated(page);
}

/** Signs in from a German browser and makes sure the account is in German
 *  (another spec may have left English stored for the same user). */
export async function signInInGerman(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Geschäftliche E-Mail').fill(email);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^(Hallo|Hello), / })).toBeVisible();
  await hydrated(page);
  await page.goto('/account');
  await hydrated(page);
  const deutsch = page.getByRole('button', { name: 'Deutsch' });
  if (await deutsch.isEnabled()) await deutsch.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ihr Konto' })).toBeVisible();
  await hydrated(page);
}

/** Waits until the wasm app has hydrated, so clicks are handled in the browser. */
export async function hydrated(page: Page) {
  await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
}

/** The newest link to `route` mailed to `to`, from the server's file outbox. */
export async function mailedLink(to: string, route: string): Promise<string> {
  const dir = path.join(process.env.PRM_E2E_DATA_DIR!, 'outbox');
  for (let i = 0; i < 50; i++) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
    const mails = files
      .map((f) => ({ f, t: fs.statSync(f).mtimeMs, text: fs.readFileSync(f, 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=') }))
      .filter((m) => m.text.includes(`To: ${to}`) && m.text.includes(route))
      .sort((a, b) => b.t - a.t);
    if (mails.length) {
      const match = mails[0].text.match(new RegExp(`https?://\\S+${route.replace('/', '\\/')}\\?token=[A-Za-z0-9_-]+`));
      if (match) return match[0];
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} with ${route}`);
}

/** A value unique to this project (phone/desktop) so both can run on one database. */
export function perProject(testInfo: TestInfo, phone: string, desktop: string) {
  return testInfo.project.name === 'phone' ? phone : desktop;
}

export async function shot(page: Page, testInfo: TestInfo, name: string, fullPage = true) {
  const dir = path.join(__dirname, '..', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${testInfo.project.name}-${name}.png`), fullPage });
}

/** Fails on any serious or critical axe violation on the current page. */
export async function noSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Every element's box stays inside the phone's 390 px; content of a
 *  scroll box that itself fits (a wide table) scrolls within it. */
export async function fitsThePhone(page: Page, testInfo: { project: { name: string } }) {
  if (testInfo.project.name !== 'phone') return;
  const wide = await page.evaluate(() => {
    const edge = 391;
    const inFittingScroller = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x !== 'visible' && p.getBoundingClientRect().right <= edge) return true;
      }
      return false;
    };
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.checkVisibility())
      .map((el) => ({ el, right: el.getBoundingClientRect().right }))
      .filter((b) => b.right > edge && !inFittingScroller(b.el))
      .map((b) => ({ el: `${b.el.tagName}.${b.el.getAttribute('class') ?? ''}`, right: Math.round(b.right) }));
  });
  expect(wide, `elements past the phone's edge on ${page.url()}`).toEqual([]);
}

/** The main navigation, in either language. */
export function mainNav(page: Page) {
  return page.getByRole('navigation', { name: /^(Main|Hauptnavigation)$/ });
}

/** Opens an area from the main navigation: a tab, or on a phone an entry
 *  of the "More" sheet when the role's four tabs do not hold it. */
export async function openArea(page: Page, name: string) {
  const nav = mainNav(page);
  const link = nav.getByRole('link', { name, exact: true });
  if (!(await link.isVisible())) await nav.locator('summary').click();
  await link.click();
}

/** The navigation marks `name` as the current area (on a phone, "More"
 *  stands for an area it holds). */
export async function expectCurrentArea(page: Page, name: string) {
  const nav = mainNav(page);
  const link = nav.getByRole('link', { name, exact: true });
  if (await link.isVisible()) {
    await expect(link).toHaveAttribute('aria-current', 'page');
  } else {
    await expect(nav.locator('summary')).toHaveClass(/current/);
    await nav.locator('summary').click();
    await expect(link).toHaveAttribute('aria-current', 'page');
    await nav.locator('summary').click();
  }
}
