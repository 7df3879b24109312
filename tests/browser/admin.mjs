// The admin in a real browser (Debian's Chromium through playwright-core), at a phone's width:
// sign in, upload a photo, write an Arabic post with it, preview, schedule it one minute ahead and
// see it reach the home page on its own, edit it and restore the earlier version, then check an
// author cannot publish. Run by tests/it/browser.rs with the server's address and test accounts.
import { fail, launch, signIn as signInAt, step } from './lib.mjs';

const [base, photo, editorEmail, authorEmail, password] = process.argv.slice(2);

const browser = await launch();
try {
  // These writers chose the Markdown textarea over the visual editor (tests/browser/editor.mjs).
  const textMode = () => localStorage.setItem('minbar-editor-mode', 'text');
  const editor = await browser.newContext({ viewport: { width: 360, height: 780 } });
  await editor.addInitScript(textMode);
  const page = await editor.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

  const signIn = (p, email) => signInAt(p, base, email, password);
  await signIn(page, editorEmail);
  step('signed in');

  // Nothing is wider than the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  if (overflow) fail('the dashboard is wider than 360 px');

  await page.goto(`${base}/admin/media`);
  await page.setInputFiles('#file', photo);
  // With the script on, the form is sent with a progress bar and the page comes back listing it.
  await page.click('form.upload button');
  await page.waitForSelector('.media-grid code');
  const markdown = (await page.textContent('.media-grid code')).trim();
  if (!/^!\[\]\(\/media\/[0-9a-f]{16}-\d+x\d+\.jpg\)$/.test(markdown)) fail(`unexpected media line ${markdown}`);
  step('uploaded a photo');

  const title = 'جولة في سوق منبج القديم';
  const text = `زرنا **السوق** صباحًا، والتقينا بالباعة.\n\n${markdown}`;
  await page.goto(`${base}/admin/posts/new`);
  await page.fill('#title', title);
  await page.fill('#body', text);
  await page.fill('#labels', 'منبج، أسواق');

  // The live preview follows the typing, rendered by the server.
  await page.waitForFunction(() => document.querySelector('[data-live-preview] strong')?.textContent === 'السوق');
  step('live preview');

  // The session expires while the text is unsaved: saving sends the writer to sign in, and the
  // text is back in the editor afterwards.
  await editor.clearCookies({ name: 'minbar_session' });
  await Promise.all([page.waitForURL(`${base}/admin/login`), page.click('button[value=save]')]);
  await signIn(page, editorEmail);
  await page.goto(`${base}/admin/posts/new`);
  if ((await page.inputValue('#title')) !== title || (await page.inputValue('#body')) !== text) {
    fail('the unsaved text was lost with the session');
  }
  if (await page.isHidden('[data-restored]')) fail('the writer was not told the text came back');
  step('unsaved text survived an expired session');
  await Promise.all([page.waitForLoadState('load'), page.click('button[value=preview]')]);
  await page.waitForSelector('.preview');
  const previewImage = await page.getAttribute('.preview img', 'srcset');
  if (!previewImage || !previewImage.includes('480w')) fail('the preview has no responsive image');
  if (!(await page.innerHTML('.preview .body')).includes('<strong>السوق</strong>')) fail('preview not rendered');
  step('previewed');

  // One minute ahead on the newsroom's clock, whose zone the field's label names.
  const zone = (await page.textContent('label[for=publish_at]')).match(/\(([^)]+)\)/)[1];
  const ahead = new Date(Date.now() + 60_000)
    .toLocaleString('sv-SE', { timeZone: zone, hour12: false })
    .replace(' ', 'T');
  await page.selectOption('#status', 'scheduled');
  await page.fill('#publish_at', ahead);
  await Promise.all([page.waitForURL(/\/admin\/posts\/\d+\/edit/), page.click('button[value=save]')]);
  const editUrl = page.url();
  step(`scheduled for ${ahead} ${zone}`);
  await page.goto(`${base}/admin/posts/new`);
  if ((await page.inputValue('#title')) !== '') fail('a saved post\'s text came back in a new post');

  const reader = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const home = await reader.newPage();
  await home.goto(`${base}/`);
  if ((await home.content()).includes(title)) fail('the post is on the home page before its time');
  const started = Date.now();
  for (;;) {
    await home.waitForTimeout(2000);
    await home.reload();
    if ((await home.content()).includes(title)) break;
    if (Date.now() - started > 120_000) fail('the scheduled post did not appear within two minutes');
  }
  step(`appeared on the home page ${Math.round((Date.now() - started) / 1000)} s after scheduling was checked`);

  await page.goto(editUrl);
  await page.fill('#title', 'عنوان جديد للجولة');
  await Promise.all([page.waitForURL(/\/edit/), page.click('button[value=save]')]);
  if ((await page.inputValue('#title')) !== 'عنوان جديد للجولة') fail('the edit was not saved');
  const restore = page.locator('.revisions form button').first();
  await Promise.all([page.waitForURL(/restored=1/), restore.click()]);
  if ((await page.inputValue('#title')) !== title) fail('restoring did not bring the title back');
  step('edited and restored');

  // An author: the form offers no publishing, and a forged request is refused.
  const author = await browser.newContext({ viewport: { width: 360, height: 780 } });
  await author.addInitScript(textMode);
  const authorPage = await author.newPage();
  await signIn(authorPage, authorEmail);
  await authorPage.goto(`${base}/admin/posts/new`);
  const options = await authorPage.$$eval('#status option', (os) => os.map((o) => o.value));
  if (options.includes('published') || options.includes('scheduled')) fail(`author may choose ${options}`);
  await authorPage.fill('#title', 'محاولة نشر');
  await authorPage.fill('#body', 'نص');
  await authorPage.evaluate(() => {
    const option = document.createElement('option');
    option.value = 'published';
    option.selected = true;
    document.querySelector('#status').append(option);
  });
  const [response] = await Promise.all([
    authorPage.waitForResponse((r) => r.request().method() === 'POST'),
    authorPage.click('button[value=save]'),
  ]);
  if (response.status() !== 403) fail(`an author's publish got ${response.status()}`);
  step('an author cannot publish');

  if (errors.length) fail(`browser errors: ${errors.join('; ')}`);
  console.log('all steps passed');
} finally {
  await browser.close();
}
