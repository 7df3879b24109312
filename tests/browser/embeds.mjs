// Embeds in a real browser (Debian's Chromium through playwright-core) at a phone's width: the
// placeholders request nothing from YouTube or X until the reader presses the button, and the
// button loads the site's /embed/ page, which loads the service.
// Run by tests/it/embeds.rs with the server's address and the post's path.
import { fail, launch, step } from './lib.mjs';

const [base, postPath] = process.argv.slice(2);
const services = /youtube|youtu\.be|ytimg|twitter|x\.com|twimg|t\.me|telegram|facebook|instagram/;

const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 412, height: 860 } });
  const page = await context.newPage();
  const requested = [];
  context.on('request', (request) => requested.push(request.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}${postPath}`);
  await page.waitForSelector('figure.embed-youtube button.embed-load');
  const placeholders = await page.locator('figure.embed').count();
  if (placeholders !== 2) fail(`expected 2 placeholders, found ${placeholders}`);
  await page.waitForTimeout(500);
  const early = requested.filter((url) => !url.startsWith(base) && services.test(url));
  if (early.length) fail(`requested before a click: ${early.join(', ')}`);
  step('nothing requested from the services before a click');

  await page.click('figure.embed-youtube button.embed-load');
  const frame = page.locator('figure.embed-youtube iframe');
  await frame.waitFor();
  const src = await frame.getAttribute('src');
  if (src !== '/embed/youtube/dQw4w9WgXcQ') fail(`the frame loads ${src}`);
  const deadline = Date.now() + 10_000;
  while (!requested.some((url) => url.startsWith('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'))) {
    if (Date.now() > deadline) fail(`the service was not asked after the click: ${requested.join(', ')}`);
    await page.waitForTimeout(100);
  }
  const others = requested.filter((url) => /twitter|x\.com|twimg/.test(url));
  if (others.length) fail(`the click on YouTube loaded X too: ${others.join(', ')}`);
  step('the click loads that one service, through the site\'s /embed/ page');
  if (errors.length) fail(`errors on the page: ${errors.join('; ')}`);
  console.log('all steps passed');
} finally {
  await browser.close();
}
