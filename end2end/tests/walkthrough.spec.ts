import { test, expect, Page } from '@playwright/test';
import { fitsThePhone, hydrated, shot, signIn, signInInGerman } from './helpers';

// Every demo sign-in opens every area its navigation offers, and the forms
// a first visit reaches from there: each page renders its heading, logs no
// error, and (at 390 px) keeps every element inside the screen.
const ROLES: [string, string, string[]][] = [
  ['vendor-admin', 'admin@acme.example', ['/campaigns/new', '/products/new', '/cobrand/templates/new', '/deals/accounts', '/leads/new', '/leads/fairness', '/leads/settings']],
  ['channel-manager', 'dana.cole@acme.example', ['/leads/new', '/leads/fairness']],
  ['marketing-manager', 'maya.lin@acme.example', ['/campaigns/new']],
  ['finance', 'felix.ortiz@acme.example', []],
  ['partner-admin', 'olivia@northwind.example', ['/funds/requests/new', '/deals/new']],
  ['partner-user', 'sam@northwind.example', ['/funds/requests/new', '/deals/new']],
  ['distributor', 'ines@bluepeak.example', ['/deals/new']],
];

/** The navigation's destinations, including those in the "More" sheet. */
async function areas(page: Page): Promise<string[]> {
  const hrefs = await page.locator('nav.mainnav a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  return [...new Set(hrefs)];
}

/** The first link on the page that matches, if any (a design, a template). */
async function firstLink(page: Page, path: string, pattern: RegExp): Promise<string | null> {
  await page.goto(path);
  const hrefs = await page.locator('main a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.find((h) => pattern.test(h)) ?? null;
}

/** Opens each path: it answers, shows its heading, hydrates, fits. */
async function visitAll(page: Page, testInfo: { project: { name: string } }, paths: string[]) {
  for (const path of paths) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBeLessThan(400);
    await expect(page.getByRole('heading', { level: 1 }).first(), path).toBeVisible();
    await hydrated(page);
    await fitsThePhone(page, testInfo);
  }
}

/** Every console error and uncaught exception, with the page it came from. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  return errors;
}

for (const [role, email, extra] of ROLES) {
  test(`walkthrough: every page of the ${role} renders and fits`, async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const errors = collectErrors(page);
    await signIn(page, email);
    // What the screen shows (docs/screenshots, `make screenshots`).
    await shot(page, testInfo, `home-${role}`, false);
    const paths = [...(await areas(page)), ...extra];
    const design = await firstLink(page, '/cobrand', /^\/cobrand\/(designs\/\d+|templates\/\d+\/customise)$/);
    if (design) paths.push(design);
    const topic = await firstLink(page, '/forum', /^\/forum\/topics\/\d+$/);
    if (topic) paths.push(topic);
    await visitAll(page, testInfo, paths);
    expect(errors).toEqual([]);
  });
}

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  // German words run longer: every area of a German partner admin fits too.
  test('walkthrough: every page of a German partner admin renders and fits', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const errors = collectErrors(page);
    await signInInGerman(page, 'lena@nordlicht.example');
    await page.goto('/');
    await shot(page, testInfo, 'home-partner-admin-de', false);
    await visitAll(page, testInfo, [...(await areas(page)), '/funds/requests/new', '/deals/new']);
    expect(errors).toEqual([]);
  });
});
