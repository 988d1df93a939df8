// Lighthouse mobile audits (Lighthouse's default: a mid-range phone on a
// throttled 4G link, simulated) of the sign-in page, the dashboard, a forum
// topic, the MDF claim form, the co-branding editor and a campaign with a
// day of sends, signed in as a partner admin of the demo program served at
// BASE. Prints the scores and the failing accessibility audits; HTML reports
// go to reports/. PAGES="forum topic,campaign" audits only those.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { mkdirSync, writeFileSync } from 'node:fs';

const BASE = process.env.BASE ?? 'http://127.0.0.1:3300';
const PASSWORD = 'partner-demo-2026';
const here = new URL('.', import.meta.url).pathname;

async function signIn(email) {
  const res = await fetch(`${BASE}/api/sign_in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', Origin: BASE },
    body: new URLSearchParams({ email, password: PASSWORD }),
    redirect: 'manual',
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('prm_session='));
  if (!cookie) throw new Error(`sign-in of ${email} failed: ${res.status}`);
  return cookie;
}

async function call(cookie, fn, params = {}) {
  const res = await fetch(`${BASE}/api/${fn}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', Origin: BASE, Cookie: cookie },
    body: new URLSearchParams(params),
    redirect: 'manual',
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${fn}: ${res.status} ${text}`);
  try { return JSON.parse(text); } catch { return text; }
}

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const key = () => `lighthouse-${Date.now()}-${Math.random().toString(36).slice(2)}`;

// An approved request, so its page shows the claim form to the partner.
async function approvedRequest(admin, dana, olivia) {
  await call(admin, 'create_budget', {
    key: key(), name: 'Lighthouse budget', kind: 'marketing', currency: 'USD',
    total: '10000', starts_on: day(-10), ends_on: day(120),
  });
  const vendor = await call(admin, 'get_funds_overview');
  const budget = vendor.budgets.find((b) => b.name === 'Lighthouse budget');
  const northwind = vendor.partners.find(([, name]) => name === 'Northwind Systems');
  await call(admin, 'allocate_funds', { key: key(), budget_id: budget.id, target: `p:${northwind[0]}`, amount: '5000' });
  const mine = await call(olivia, 'get_funds_overview');
  const allocation = mine.allocations.find((a) => a.budget_name === 'Lighthouse budget');
  await call(olivia, 'submit_fund_request', {
    key: key(), allocation_id: allocation.id, activity_type: 'webinar', title: 'Spring webinar',
    description: 'A webinar on campus Wi-Fi for 200 IT leads.', starts_on: day(20), ends_on: day(20),
    amount: '2000', expected_leads: '40',
  });
  const request = (await call(olivia, 'get_funds_overview')).requests[0];
  await call(dana, 'decide_fund_request', { id: request.id, version: 1, decision: 'approve' });
  return request.id;
}

// A running campaign the partner has sent, so its page draws the activity chart.
async function sentCampaign(maya, olivia) {
  const form = await call(maya, 'get_campaign_form');
  const email = form.templates.find((t) => t.kind === 'Email');
  const image = form.templates.find((t) => t.name.includes('social'));
  const name = `Lighthouse campaign ${Date.now()}`;
  await call(maya, 'save_campaign', {
    name, goal: '200 qualified leads for the AX7', starts_on: day(-30), ends_on: day(60),
    email_template_id: String(email.id), email_subject: 'Meet the AX7',
    social_template_id: String(image.id), social_copy: 'The AX7 is here: campus Wi-Fi that keeps up.',
  });
  const campaign = (await call(maya, 'get_campaigns_page')).campaigns.find((c) => c.name === name);
  await call(maya, 'change_campaign_status', { id: campaign.id, action: 'publish' });
  await call(olivia, 'join_campaign', { id: campaign.id });
  for (const who of ['ada', 'ben', 'cy']) {
    await call(olivia, 'add_contact', { email: `${who}@lighthouse-customer.example`, name: who, consent: 'on' });
  }
  await call(olivia, 'send_campaign', { id: campaign.id, subject: 'Meet the AX7' });
  for (let i = 0; i < 100; i += 1) {
    if ((await call(olivia, 'get_campaign', { id: campaign.id })).days.length) return campaign.id;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the campaign e-mails were not sent');
}

const admin = await signIn('admin@acme.example');
const maya = await signIn('maya.lin@acme.example');
const dana = await signIn('dana.cole@acme.example');
const olivia = await signIn('olivia@northwind.example');
const requestId = await approvedRequest(admin, dana, olivia);
const topic = (await call(olivia, 'get_forum')).topics[0].id;
const template = (await call(olivia, 'get_templates_page')).templates[0].id;
const campaign = await sentCampaign(maya, olivia);
const only = process.env.PAGES?.split(',').map((p) => p.trim());

const pages = [
  ['sign-in', '/sign-in', null],
  ['dashboard', '/', olivia],
  ['forum topic', `/forum/topics/${topic}`, olivia],
  ['MDF claim form', `/funds/requests/${requestId}`, olivia],
  ['co-branding editor', `/cobrand/templates/${template}/customise`, olivia],
  ['campaign', `/campaigns/${campaign}`, olivia],
].filter(([name]) => !only || only.includes(name));

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
mkdirSync(`${here}reports`, { recursive: true });
const rows = [];
let failed = false;
try {
  for (const [name, path, cookie] of pages) {
    const result = await lighthouse(`${BASE}${path}`, {
      port: chrome.port,
      output: 'html',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      extraHeaders: cookie ? { Cookie: cookie } : undefined,
    });
    const { lhr } = result;
    if (lhr.runtimeError) { console.error(`${name}: ${lhr.runtimeError.message}`); failed = true; continue; }
    const score = (c) => Math.round((lhr.categories[c].score ?? 0) * 100);
    const ms = (a) => Math.round(lhr.audits[a].numericValue ?? 0);
    rows.push({
      page: name,
      performance: score('performance'),
      accessibility: score('accessibility'),
      'best practices': score('best-practices'),
      'FCP ms': ms('first-contentful-paint'),
      'LCP ms': ms('largest-contentful-paint'),
      'TBT ms': ms('total-blocking-time'),
      // Main-thread time spent running scripts (wasm included): where TBT comes from.
      'JS ms': ms('bootup-time'),
      CLS: Number((lhr.audits['cumulative-layout-shift'].numericValue ?? 0).toFixed(3)),
      'transfer KB': Math.round((lhr.audits['total-byte-weight'].numericValue ?? 0) / 1024),
      // The main-thread tasks over 50 ms (as simulated), each adding its excess to TBT.
      'long tasks ms': (lhr.audits['long-tasks'].details?.items ?? [])
        .map((t) => Math.round(t.duration)).join(' + '),
    });
    const file = name.replace(/[^a-z]+/gi, '-').toLowerCase();
    writeFileSync(`${here}reports/${file}.html`, result.report);
    const problems = Object.values(lhr.categories.accessibility.auditRefs)
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative');
    for (const a of problems) console.log(`  ${name}: accessibility: ${a.title}`);
  }
} finally {
  await chrome.kill();
}
console.table(rows);
process.exit(failed ? 1 : 0);
