import { test, expect, Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PASSWORD, fitsThePhone, hydrated, noSeriousViolations, perProject, shot, signIn, signInInGerman, openArea } from './helpers';

type Catalogue = { [key: string]: string | Catalogue };

function flatten(c: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(c)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const load = (lang: string) =>
  flatten(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'app', 'locales', `${lang}.json`), 'utf8')));

/** English catalogue texts whose German differs, without placeholders. */
const englishOnly = (() => {
  const en = load('en');
  const de = load('de');
  return new Set([...en].filter(([k, v]) => de.get(k) !== v && !v.includes('{{')).map(([, v]) => v.trim()));
})();

/** Fails when a visible text node or label on the page is an English catalogue string. */
async function noEnglishLeaks(page: Page) {
  const texts: string[] = await page.evaluate(() => {
    const seen: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !el.checkVisibility()) continue;
      // Text marked as another language (a switch naming "English") is meant.
      if (el.closest('[lang]')?.getAttribute('lang') !== 'de') continue;
      const t = (n.textContent || '').trim();
      if (t) seen.push(t);
    }
    for (const el of document.querySelectorAll('[aria-label],[placeholder],[title]')) {
      if (el.closest('[lang]')?.getAttribute('lang') !== 'de') continue;
      for (const a of ['aria-label', 'placeholder', 'title']) {
        const v = el.getAttribute(a);
        if (v) seen.push(v.trim());
      }
    }
    seen.push(document.title.split(' · ')[0]);
    return seen;
  });
  expect(texts.filter((t) => englishOnly.has(t))).toEqual([]);
}

/** Whatever happened, the user goes back to English: other specs sign them
 * in from an English browser and expect English pages. */
async function backToEnglish({ page, baseURL }: { page: Page; baseURL: string | undefined }) {
  await page.request.post('/api/set_language', { form: { lang: 'en' }, headers: { Origin: baseURL! } });
}

test.describe('a German browser', () => {
  test.use({ locale: 'de-DE' });
  test.afterEach(backToEnglish);

  test('signs in, works and switches language, all in German until it chooses English', async ({ page }, testInfo) => {
    const email = perProject(testInfo, 'raj.patel@acme.example', 'felix.ortiz@acme.example');
    await page.goto('/sign-in');
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
    await noEnglishLeaks(page);
    await fitsThePhone(page, testInfo);
    await shot(page, testInfo, 'sign-in-de');

    // The server's check, beside the field, keeping what was typed.
    await page.getByLabel('Geschäftliche E-Mail').fill('kein-name');
    await page.getByLabel('Passwort').fill('egal');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.locator('#f-email-error')).toHaveText('Bitte eine E-Mail-Adresse wie name@firma.de eingeben.');
    await expect(page.getByLabel('Geschäftliche E-Mail')).toHaveValue('kein-name');
    // The browser-side check speaks German too (same catalogue, in the wasm), where a page has one.
    await page.goto('/forgot-password');
    await hydrated(page);
    await page.getByLabel('Geschäftliche E-Mail').fill('kein-name');
    await page.getByLabel('Geschäftliche E-Mail').blur();
    await expect(page.locator('#f-email-error')).toHaveText('Bitte eine E-Mail-Adresse wie name@firma.de eingeben.');
    await page.goto('/sign-in');
    // A server message too.
    await page.getByLabel('Geschäftliche E-Mail').fill(email);
    await page.getByLabel('Passwort').fill('falsches passwort');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.locator('#f-password-error')).toHaveText(/^E-Mail-Adresse und Passwort passen nicht zusammen/);

    await page.getByLabel('Passwort').fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^(Hallo|Hello), / })).toBeVisible();
    await hydrated(page);

    // Account: the user's own choice, stored for every device and mail.
    await page.goto('/account');
    await hydrated(page);
    const deutsch = page.getByRole('button', { name: 'Deutsch' });
    if (await deutsch.isEnabled()) await deutsch.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ihr Konto' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await hydrated(page);
    await noEnglishLeaks(page);
    await fitsThePhone(page, testInfo);
    await shot(page, testInfo, 'account-de');
    await noSeriousViolations(page);

    await page.getByRole('link', { name: 'Start' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Hallo, / })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toBeVisible();
    await noEnglishLeaks(page);
    await fitsThePhone(page, testInfo);
    await shot(page, testInfo, 'dashboard-de');

    // Back to English: the page reloads whole in it, and stays so.
    await page.getByRole('link', { name: 'Konto' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ihr Konto' })).toBeVisible();
    await hydrated(page);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible();
  });
});

/** Signs in from the sign-in page as it reads in German. */

test.describe('a German partner', () => {
  test.use({ locale: 'de-DE' });
  test.afterEach(backToEnglish);

  test('requests funds, claims them with proof and replies in the forum, all in German', async ({ page, browser }, testInfo) => {
    test.setTimeout(150_000);
    const email = perProject(testInfo, 'lena@nordlicht.example', 'oliver@tamesis.example');
    const company = perProject(testInfo, 'Nordlicht Netzwerke', 'Tamesis Cloud');
    // A retry finds the first try's budget and request: its own names keep them apart.
    const again = testInfo.retry ? ` ${testInfo.retry + 1}` : '';
    const budget = perProject(testInfo, 'Messen DACH (phone)', 'Messen DACH (desktop)') + again;
    const title = perProject(testInfo, 'Roadshow München (phone)', 'Roadshow München (desktop)') + again;

    // The vendor, in English, funds the partner in euros.
    const vendorContext = await browser.newContext({ locale: 'en-US' });
    const vendor = await vendorContext.newPage();
    await signIn(vendor, 'admin@acme.example');
    await vendor.goto('/funds');
    await hydrated(vendor);
    await vendor.getByLabel('Name', { exact: true }).fill(budget);
    await vendor.getByLabel('Kind').selectOption('marketing');
    await vendor.getByLabel('Currency').selectOption('EUR');
    await vendor.getByLabel('Total').fill('10,000');
    await vendor.getByLabel('Starts').fill('2027-01-01');
    await vendor.getByLabel('Ends').fill('2027-12-31');
    await vendor.getByRole('button', { name: 'Create budget' }).click();
    await expect(vendor.getByRole('status').filter({ hasText: 'Budget created' })).toBeVisible();
    await vendor.getByLabel('From budget').selectOption({ label: `${budget} (EUR)` });
    await vendor.getByLabel('To', { exact: true }).selectOption({ label: company });
    await vendor.locator('#f-allocate-amount').fill('5000');
    await vendor.getByRole('button', { name: 'Allocate' }).click();
    await expect(vendor.getByRole('status').filter({ hasText: 'Funds allocated' })).toBeVisible();

    // The partner asks for funds, typing the amount the German way.
    await signInInGerman(page, email);
    await openArea(page, 'Mittel');
    await expect(page.getByRole('heading', { level: 1, name: 'Marketingmittel (MDF)' })).toBeVisible();
    await expect(page.locator('section.card', { hasText: budget }).locator('dd.big')).toHaveText('5.000,00\u00a0€');
    await noEnglishLeaks(page);
    await page.getByRole('link', { name: 'Mittel beantragen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mittel beantragen' })).toBeVisible();
    await hydrated(page);
    await noEnglishLeaks(page);
    await fitsThePhone(page, testInfo);
    const option = page.locator('#f-allocation_id option', { hasText: budget });
    await page.getByLabel('Mittel aus').selectOption((await option.getAttribute('value'))!);
    await page.getByLabel('Aktivität').selectOption('trade_show');
    await page.getByLabel('Titel').fill(title);
    await page.getByLabel('Was Sie vorhaben').fill('Stand auf der Roadshow mit Live-Demos für 150 IT-Leiter.');
    await page.getByLabel('Beginn', { exact: true }).fill('2027-03-10');
    await page.getByLabel('Ende', { exact: true }).fill('2027-03-11');
    await page.getByLabel('Beantragter Betrag').fill('9.000,00');
    await page.getByRole('button', { name: 'Antrag einreichen' }).click();
    await expect(page.locator('#f-amount-error')).toHaveText('In diesen Mitteln sind nur 5.000,00\u00a0€ verfügbar.');
    await page.getByLabel('Beantragter Betrag').fill('1.500,00');
    await page.getByRole('button', { name: 'Antrag einreichen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByText('Wartet auf Prüfung').first()).toBeVisible();
    await expect(page.locator('.facts')).toContainText('1.500,00\u00a0€');
    await noEnglishLeaks(page);
    await shot(page, testInfo, 'fund-request-de');
    const requestUrl = page.url().split('?')[0];

    // The vendor approves it in full.
    await vendor.goto(requestUrl);
    await hydrated(vendor);
    await vendor.getByRole('button', { name: 'Approve' }).click();
    await expect(vendor.getByRole('status').filter({ hasText: 'Decision saved' })).toBeVisible();

    // The partner claims with proof.
    await page.goto(requestUrl);
    await expect(page.getByRole('heading', { level: 2, name: 'Abrechnung' })).toBeVisible();
    await hydrated(page);
    await page.getByLabel('Ausgegebener Betrag').fill('1.200,00');
    await page.getByLabel('Was die Aktivität erreicht hat').fill('120 Besucher am Stand, 35 qualifizierte Leads.');
    await page.getByRole('button', { name: 'Zahlen speichern' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Abrechnungszahlen gespeichert' })).toBeVisible();
    await hydrated(page);
    await page.getByLabel('Oder Dateien wählen').setInputFiles({ name: 'rechnung.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF') });
    await page.getByRole('button', { name: 'Nachweis hochladen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Nachweis hochgeladen' })).toBeVisible();
    await hydrated(page);
    await page.getByRole('button', { name: 'Abrechnung einreichen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Abrechnung zur Prüfung eingereicht' })).toBeVisible();
    await noEnglishLeaks(page);
    await fitsThePhone(page, testInfo);
    await shot(page, testInfo, 'claim-de');

    // The vendor, in English, adds a category with a German version.
    const category = perProject(testInfo, 'Trade shows (phone)', 'Trade shows (desktop)');
    const kategorie = perProject(testInfo, 'Messen (phone)', 'Messen (desktop)');
    await vendor.goto('/forum');
    await hydrated(vendor);
    await vendor.getByText('New category').click();
    await vendor.locator('#cat-name').fill(category);
    await vendor.locator('#cat-description').fill('Booths, demos and leads');
    await expect(vendor.getByRole('group', { name: 'Deutsch (optional)' })).toBeVisible();
    await vendor.locator('#cat-name-de').fill(kategorie);
    await vendor.locator('#cat-description-de').fill('Messestände, Demos und Leads');
    await vendor.getByRole('button', { name: 'Save category' }).click();
    await expect(vendor.getByRole('heading', { level: 2, name: category })).toBeVisible();

    // The forum: the program's categories in German, a question and a reply.
    await openArea(page, 'Forum');
    await hydrated(page);
    await expect(page.getByRole('link', { name: 'Ankündigungen' })).toBeVisible();
    await expect(page.getByRole('link', { name: kategorie })).toBeVisible();
    await expect(page.locator('li', { hasText: kategorie })).toContainText('Messestände, Demos und Leads');
    await expect(page.getByRole('link', { name: category })).toHaveCount(0);
    await noEnglishLeaks(page);
    await page.getByRole('link', { name: 'Frage stellen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Die Community fragen' })).toBeVisible();
    await hydrated(page);
    await page.getByLabel('Kategorie').selectOption({ label: 'Technische Fragen' });
    await page.getByLabel('Titel').fill('Kurz');
    await page.getByRole('button', { name: 'Frage veröffentlichen' }).click();
    await expect(page.getByText('Schreiben Sie einen Titel mit mindestens 8 Zeichen')).toBeVisible();
    await page.getByLabel('Titel').fill(`${title}: VLAN-Konfiguration am Messestand?`);
    await page.getByLabel('Details').fill('Wie trennen wir Gäste- und Demo-Netz am Stand am einfachsten?');
    await page.getByRole('button', { name: 'Frage veröffentlichen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `${title}: VLAN-Konfiguration am Messestand?` })).toBeVisible();
    await hydrated(page);
    await page.getByLabel('Antwort', { exact: true }).fill('Nachtrag: Wir nutzen die AX7-Switches.');
    await page.getByRole('button', { name: 'Antwort veröffentlichen' }).click();
    await expect(page.getByRole('heading', { level: 2, name: '1 Antwort' })).toBeVisible();
    await noEnglishLeaks(page);
    await fitsThePhone(page, testInfo);
    await shot(page, testInfo, 'forum-topic-de');

    // Co-branding: the flyer in German, its locked legal line too.
    await openArea(page, 'Marketing');
    await page.getByRole('link', { name: /AX7-Launch-Flyer/ }).click();
    await expect(page.locator('#design-preview svg')).toBeVisible();
    await hydrated(page);
    await expect(page.locator('#slot-headline')).toHaveValue('Wi-Fi 7 für jedes Büro');
    await expect(page.locator('#design-preview text[data-slot="legal"]')).toContainText('Marken der Acme');
    await fitsThePhone(page, testInfo);
    await shot(page, testInfo, 'cobrand-editor-de');

    // Back to English, so other specs find this user as they left them.
    await page.goto('/account');
    await hydrated(page);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    await vendorContext.close();
  });
});
