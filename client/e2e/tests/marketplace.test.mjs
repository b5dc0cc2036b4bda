// End-to-end: real headless Chromium against the running system (E2E_BASE_URL, started by
// e2e/run.mjs): the client behind the front door, the API under /api on the same host.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { launchBrowser, screenshot, sleep } from '../lib.mjs';

const BASE = process.env.E2E_BASE_URL;
const EXPIRY_SECONDS = Number(process.env.E2E_EXPIRY_SECONDS || 60);
const PASSWORD = 'secret-pw1';
const STEP = 60000; // the longest a single step may take (first calls of a cold system on a busy 2-core machine)

if (!BASE) throw new Error('E2E_BASE_URL is not set: run the suite through `npm run e2e`');

const unique = (prefix) => `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const url = (path) => new URL(path, BASE).toString();

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * A scenario: `body(open)` gets `open(options)` to open a page in a fresh browser context (one user).
 * When it fails, every page it opened is saved as FAILED-<name>-<n>.png. Its contexts are closed.
 */
function scenario(name, body) {
  return async () => {
    const pages = [];
    // the pages must work under their Content-Security-Policy: anything it blocks fails the scenario
    const blocked = [];
    const open = async (options) => {
      const context = await browser.newSession(options);
      context.setDefaultTimeout(STEP);
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`[browser error] ${name}: ${e.message}`));
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) blocked.push(`${page.url()}: ${message.text()}`);
      });
      pages.push(page);
      return page;
    };
    try {
      await body(open);
      assert.deepEqual(blocked, [], 'the Content-Security-Policy blocked something the pages need');
    } catch (e) {
      for (const [i, page] of pages.entries()) {
        await screenshot(page, `FAILED-${name}-${i + 1}`).catch(() => {});
        console.error(`[e2e] ${name}: page ${i + 1} was at ${page.url()}`);
      }
      throw e;
    } finally {
      for (const page of pages) await page.context().close().catch(() => {});
    }
  };
}

function nav(page) {
  return page.getByRole('navigation', { name: 'Main' });
}

async function expectSignedIn(page, email) {
  await nav(page).getByRole('link', { name: 'Sign out' }).waitFor();
  assert.equal(await nav(page).getByRole('link', { name: 'Sign in' }).count(), 0);
  assert.ok(await nav(page).getByRole('link', { name: 'Sell a ticket' }).isVisible());
  assert.ok(await nav(page).getByRole('link', { name: 'My orders' }).isVisible());
  assert.match(await page.locator('.signed-in-as').innerText(), new RegExp(email.replace(/[.+]/g, '\\$&'), 'i'));
}

async function signUp(page, email) {
  await page.goto(url('/auth/signup'));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(url('/'));
  await expectSignedIn(page, email);
}

/** Lists a ticket through the "Sell a ticket" page; returns its id. */
async function listTicket(page, title, price) {
  await nav(page).getByRole('link', { name: 'Sell a ticket' }).click();
  await page.getByRole('heading', { name: 'Sell a ticket' }).waitFor();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Price (USD)').fill(price);
  await page.getByRole('button', { name: 'List ticket for sale' }).click();
  await page.waitForURL(/\/tickets\/(?!new$)[^/]+$/);
  await page.getByRole('heading', { name: title }).waitFor();
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
}

/**
 * Clicks `action` until `done()` holds, as a person would retry: the system is eventually
 * consistent (an order can be placed once the ticket reached the orders context, paid once the
 * order reached the payments context), so a first click may meet a "Not Found" from the API.
 */
async function retryWhileNotYetKnown(page, action, done, { attempts = 20 } = {}) {
  for (let i = 1; ; i++) {
    await action();
    const outcome = await Promise.race([
      done().then(() => 'done'),
      page
        .getByRole('alert')
        .filter({ hasText: 'Not Found' })
        .waitFor()
        .then(() => 'not-yet'),
    ]);
    if (outcome === 'done') return;
    if (i >= attempts) throw new Error('the API kept answering "Not Found"');
    await sleep(1000);
  }
}

async function purchase(page, ticketId, { keyboard = false } = {}) {
  await page.goto(url(`/tickets/${encodeURIComponent(ticketId)}`));
  const button = page.getByRole('button', { name: 'Purchase' });
  await retryWhileNotYetKnown(
    page,
    async () => {
      if (keyboard) {
        await tabTo(page, button);
        await page.keyboard.press('Enter');
      } else {
        await button.click();
      }
    },
    () => page.waitForURL(/\/orders\/[^/]+$/, { timeout: STEP }),
  );
  await page.getByRole('timer').waitFor();
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
}

/** Waits until the control is enabled (buttons are, once the page is hydrated). */
async function whenEnabled(locator) {
  await locator.waitFor();
  await eventually(() => locator.isEnabled(), `${locator} is enabled`, STEP);
}

/** Presses Tab until `locator` has the focus (at most 40 times). */
async function tabTo(page, locator) {
  await whenEnabled(locator);
  for (let i = 0; i < 40; i++) {
    if (await locator.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${locator} with the Tab key`);
}

async function ticketTitlesOnHome(page) {
  await page.goto(url('/'));
  await page.getByRole('heading', { name: 'Tickets for sale' }).waitFor();
  return page.locator('.ticket-card .card-title').allInnerTexts();
}

async function eventually(check, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(1000);
  }
}

async function assertNoHorizontalScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone screen`);
}

describe('marketplace in a real browser', { concurrency: true }, () => {
  it('sends the security headers on every page, with a fresh script nonce the page uses', async () => {
    const paths = ['/', '/auth/signin', '/auth/signup', '/auth/signout', '/tickets/new', '/orders',
      '/tickets/000000000000000000000000', '/orders/000000000000000000000000', '/no/such/page', '/healthz'];
    const nonces = new Set();
    for (const path of paths) {
      const response = await fetch(url(path), { redirect: 'manual' });
      const csp = response.headers.get('content-security-policy') || '';
      assert.match(csp, /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/, `${path}: CSP ${csp}`);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(response.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', path);
      const nonce = csp.match(/'nonce-([^']+)'/)[1];
      nonces.add(nonce);
      const html = await response.text();
      if (response.headers.get('content-type')?.includes('text/html') && html.includes('<script')) {
        assert.ok(html.includes(`nonce="${nonce}"`), `${path}: its scripts carry the response's nonce`);
      }
    }
    assert.equal(nonces.size, paths.length, 'a fresh nonce for every response');
  });


  it('lets a seller list a ticket and a buyer buy and pay it, ending with the order complete', scenario('buy', async (newPage) => {
    const seller = await newPage();
    const sellerEmail = `${unique('seller')}@example.com`;
    const title = unique('Concert front row');

    await seller.goto(url('/'));
    await seller.getByRole('heading', { name: 'Tickets for sale' }).waitFor();
    await nav(seller).getByRole('link', { name: 'Sign in' }).waitFor();
    assert.ok(await nav(seller).getByRole('link', { name: 'Sign up' }).isVisible());
    assert.equal(await nav(seller).getByRole('link', { name: 'Sign out' }).count(), 0);
    await screenshot(seller, '01-home-signed-out');

    // The API's validation messages appear in the form that caused them.
    await nav(seller).getByRole('link', { name: 'Sign up' }).click();
    await seller.getByRole('heading', { name: 'Sign up' }).waitFor();
    await screenshot(seller, '02-sign-up');
    await seller.getByLabel('Email').fill('not-an-email');
    await seller.getByLabel('Password').fill('1');
    await seller.getByRole('button', { name: 'Sign up' }).click();
    const signupErrors = seller.getByRole('form', { name: 'Sign up' }).getByRole('alert');
    await signupErrors.getByText('Email must be valid').waitFor();
    await signupErrors.getByText('Password must be between 8 and 64 characters').waitFor();
    await screenshot(seller, '03-sign-up-errors');

    await signUp(seller, sellerEmail);
    await nav(seller).getByRole('link', { name: 'Sell a ticket' }).click();
    await seller.getByRole('button', { name: 'List ticket for sale' }).click();
    await seller.getByRole('form', { name: 'Sell a ticket' }).getByRole('alert').getByText('Title is required').waitFor();
    await screenshot(seller, '04-sell-errors');
    await seller.getByLabel('Title').fill(title);
    await seller.getByLabel('Price (USD)').fill('42.5');
    await seller.getByLabel('Title').focus(); // leaving the price formats it
    assert.equal(await seller.getByLabel('Price (USD)').inputValue(), '42.50');
    await screenshot(seller, '05-sell');
    await seller.getByRole('button', { name: 'List ticket for sale' }).click();
    await seller.waitForURL(/\/tickets\/(?!new$)[^/]+$/);
    const ticketId = decodeURIComponent(new URL(seller.url()).pathname.split('/').pop());
    await seller.getByText('You are selling this ticket.').waitFor();
    assert.equal(await seller.getByRole('button', { name: 'Purchase' }).count(), 0);
    await screenshot(seller, '06-ticket-seller');
    assert.ok((await ticketTitlesOnHome(seller)).includes(title));
    await screenshot(seller, '07-home-signed-in');

    const buyer = await newPage();
    const buyerEmail = `${unique('buyer')}@example.com`;
    await signUp(buyer, buyerEmail);
    await buyer.goto(url('/'));
    await buyer.getByRole('link', { name: title }).click();
    await buyer.getByRole('heading', { name: title }).waitFor();
    assert.ok(await buyer.getByText('$42.50').isVisible());
    await screenshot(buyer, '08-ticket-buyer');

    const orderId = await purchase(buyer, ticketId);
    assert.match(await buyer.getByRole('timer').innerText(), /Time left to pay: \d+:\d\d/);
    assert.equal(await buyer.getByTestId('order-status').innerText(), 'Awaiting payment');
    await screenshot(buyer, '09-order-awaiting-payment');

    await buyer.getByLabel(/4242/).check();
    await retryWhileNotYetKnown(
      buyer,
      () => buyer.getByRole('button', { name: /^Pay \$42\.50$/ }).click(),
      () => buyer.getByText('Payment accepted. Completing your order…').or(buyer.getByText('Payment received')).first().waitFor(),
    );
    await buyer.getByText('Payment received: the ticket is yours.').waitFor({ timeout: 60000 });
    assert.equal(await buyer.getByTestId('order-status').innerText(), 'Complete');
    assert.equal(await buyer.getByRole('timer').count(), 0);
    await screenshot(buyer, '10-order-complete');

    await nav(buyer).getByRole('link', { name: 'My orders' }).click();
    await buyer.getByRole('heading', { name: 'My orders' }).waitFor();
    const row = buyer.locator('.order-card').filter({ has: buyer.getByRole('link', { name: title }) });
    assert.equal(await row.locator('.status').innerText(), 'Complete');
    assert.equal(await row.getByRole('link').getAttribute('href'), `/orders/${encodeURIComponent(orderId)}`);
    await screenshot(buyer, '11-my-orders');

    // Sold: no longer offered to anyone.
    await eventually(async () => !(await ticketTitlesOnHome(buyer)).includes(title), 'the sold ticket leaves the list', 30000);

    // Sign out, then back in; a wrong password shows the API's message next to the form.
    await nav(buyer).getByRole('link', { name: 'Sign out' }).click();
    await nav(buyer).getByRole('link', { name: 'Sign in' }).waitFor();
    await buyer.waitForURL(url('/'));
    await screenshot(buyer, '12-signed-out');
    await nav(buyer).getByRole('link', { name: 'Sign in' }).click();
    await buyer.getByLabel('Email').fill(buyerEmail);
    await buyer.getByLabel('Password').fill('wrong-password');
    await buyer.getByRole('button', { name: 'Sign in' }).click();
    await buyer.getByRole('form', { name: 'Sign in' }).getByRole('alert').getByText('Invalid credentials').waitFor();
    await screenshot(buyer, '13-sign-in-error');
    await buyer.getByLabel('Password').fill(PASSWORD);
    await buyer.getByRole('button', { name: 'Sign in' }).click();
    await buyer.waitForURL(url('/'));
    await expectSignedIn(buyer, buyerEmail);
  }));

  it('shows Stripe\'s message when the card is declined, on a phone, driven by the keyboard', scenario('declined', async (newPage) => {
    const seller = await newPage();
    await signUp(seller, `${unique('seller')}@example.com`);
    const title = unique('Cup final');
    const ticketId = await listTicket(seller, title, '15');

    const buyer = await newPage({ phone: true });
    const buyerEmail = `${unique('buyer')}@example.com`;
    // Sign in with the keyboard only: Tab to each field, type, Enter submits.
    await signUp(buyer, buyerEmail);
    await nav(buyer).getByRole('link', { name: 'Sign out' }).click();
    await nav(buyer).getByRole('link', { name: 'Sign in' }).waitFor();
    await buyer.goto(url('/auth/signin'));
    await whenEnabled(buyer.getByRole('button', { name: 'Sign in' }));
    await tabTo(buyer, buyer.getByLabel('Email'));
    await buyer.keyboard.type(buyerEmail);
    await tabTo(buyer, buyer.getByLabel('Password'));
    await buyer.keyboard.type(PASSWORD);
    await buyer.keyboard.press('Enter');
    await buyer.waitForURL(url('/'));
    await expectSignedIn(buyer, buyerEmail);
    await assertNoHorizontalScroll(buyer);
    await screenshot(buyer, '20-phone-home');

    await buyer.goto(url(`/tickets/${encodeURIComponent(ticketId)}`));
    await screenshot(buyer, '21-phone-ticket');
    await purchase(buyer, ticketId, { keyboard: true });
    await assertNoHorizontalScroll(buyer);

    const declined = buyer.getByLabel(/0002/);
    await tabTo(buyer, buyer.getByLabel(/4242/));
    await buyer.keyboard.press('ArrowDown'); // moves the radio choice to the next card
    assert.ok(await declined.isChecked());
    const payButton = buyer.getByRole('button', { name: /^Pay \$15\.00$/ });
    await retryWhileNotYetKnown(
      buyer,
      async () => {
        await tabTo(buyer, payButton);
        await buyer.keyboard.press('Enter');
      },
      () => buyer.getByRole('form', { name: 'Payment' }).getByRole('alert').getByText('Your card was declined.').waitFor({ timeout: STEP }),
    );
    assert.equal(await buyer.getByTestId('order-status').innerText(), 'Awaiting payment');
    assert.ok(await buyer.getByRole('timer').isVisible());
    await screenshot(buyer, '22-phone-payment-declined');
  }));

  it('counts an unpaid order down to "Order expired" and puts the ticket back on sale', scenario('expiry', async (newPage) => {
    const seller = await newPage();
    await signUp(seller, `${unique('seller')}@example.com`);
    const title = unique('Theatre balcony');
    const ticketId = await listTicket(seller, title, '30');

    const buyer = await newPage();
    await signUp(buyer, `${unique('buyer')}@example.com`);
    await purchase(buyer, ticketId);
    const timer = buyer.getByRole('timer');
    const first = await timer.innerText();
    await eventually(async () => (await timer.innerText()) !== first, 'the countdown ticks', 5000);

    await eventually(async () => !(await ticketTitlesOnHome(seller)).includes(title), 'the reserved ticket leaves the list', 30000);

    await buyer.getByText('Order expired').waitFor({ timeout: (EXPIRY_SECONDS + 15) * 1000 });
    assert.equal(await buyer.getByTestId('order-status').innerText(), 'Expired');
    assert.equal(await buyer.getByRole('timer').count(), 0);
    assert.equal(await buyer.getByRole('button', { name: /^Pay / }).count(), 0);
    await screenshot(buyer, '30-order-expired');

    await eventually(async () => (await ticketTitlesOnHome(buyer)).includes(title), 'the ticket is back on the list', 60000);
    await screenshot(buyer, '31-ticket-back-on-sale');
    await buyer.goto(url(`/tickets/${encodeURIComponent(ticketId)}`));
    await buyer.getByRole('button', { name: 'Purchase' }).waitFor();
  }));
});
