// What the browser scripts share: reporting a step or a failure the way tests/it/browser.rs
// reads it, starting Debian's Chromium headless, signing in to the admin, and waiting for a
// condition with a deadline instead of a fixed sleep.
import { chromium } from 'playwright-core';

export const fail = (message) => {
  console.error(`FAIL: ${message}`);
  process.exit(1);
};

export const step = (message) => console.log(`ok: ${message}`);

// Debian's Chromium (or $CHROMIUM), quiet: no background requests of its own to confuse a
// request log; `extra` arguments after the common ones.
export const launch = (extra = []) => chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync', ...extra],
});

// Signs `page` in to the admin at `base` and waits for the dashboard.
export async function signIn(page, base, email, password) {
  await page.goto(`${base}/admin/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${base}/admin/`), page.click('form.signin button')]);
}

// Polls `check` every 200 ms until it holds, failing with `what` after `seconds`.
export async function waitFor(what, check, seconds = 15) {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// The body the server holds for a post, read from its editor page without running the page's
// scripts (which would bring back a copy kept in this browser and hide a lost save).
export async function storedBody(context, editUrl) {
  const html = await (await context.request.get(editUrl)).text();
  const found = /<textarea id="body"[^>]*>\n?([\s\S]*?)<\/textarea>/.exec(html);
  if (!found) fail(`no body on ${editUrl}`);
  return found[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'").replace(/&#x2f;/gi, '/').replace(/&amp;/g, '&');
}
