// Comments in a real browser (Debian's Chromium through playwright-core), at a phone's width:
// a reader comments without the page reloading and is told it waits under first-time
// moderation; an editor approves it from the queue; a second reader replies under it, waits,
// is approved; the count and the thread update; the editor answers with the newsroom's badge.
// Then a page of hostile comments is opened: no script runs and no dialog opens.
// Run by tests/it/browser.rs with the server's address, two post paths and the editor's account.
import { fail, launch, step } from './lib.mjs';

const [base, postPath, hostilePath, editorEmail, password] = process.argv.slice(2);
// The server refuses a comment sent sooner than a person could write it.
const writing = () => new Promise((resolve) => setTimeout(resolve, 2200));

const browser = await launch();
const phone = { viewport: { width: 360, height: 780 } };
const errors = [];
async function open(context) {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return page;
}
const title = (page) => page.textContent('#comments-title').then((t) => t.trim());

try {
  // A reader comments; the page stays (no reload) and says the comment waits.
  const reader = await open(await browser.newContext(phone));
  await reader.goto(`${base}${postPath}`);
  if ((await title(reader)) !== 'لا تعليقات') fail(`count before: ${await title(reader)}`);
  await reader.evaluate(() => { window.stillHere = true; });
  await reader.fill('#comment-name', 'سلمى');
  await reader.fill('#comment-email', 'salma@example.org');
  await reader.fill('#comment-body', 'متى يفتح الجسر من جديد؟');
  await writing();
  await reader.click('#comment-form button[type=submit]');
  await reader.waitForSelector('#comments .notice[role=status]');
  const notice = (await reader.textContent('#comments .notice')).trim();
  if (!notice.includes('سيظهر تعليقك بعد أن يراجعه المحررون')) fail(`notice: ${notice}`);
  if (!(await reader.evaluate(() => window.stillHere === true))) fail('the page reloaded');
  if ((await title(reader)) !== 'لا تعليقات') fail('a waiting comment was counted');
  step('a reader commented without a reload and waits under first-time moderation');

  // The editor approves it from the queue, on a phone.
  const editorContext = await browser.newContext(phone);
  const editor = await open(editorContext);
  await editor.goto(`${base}/admin/login`);
  await editor.fill('#email', editorEmail);
  await editor.fill('#password', password);
  await Promise.all([editor.waitForURL(`${base}/admin/`), editor.click('form.signin button')]);
  async function approve(text) {
    await editor.goto(`${base}/admin/comments`);
    const card = editor.locator('article.queued', { hasText: text });
    if ((await card.count()) !== 1) fail(`the queue does not show "${text}"`);
    const overflow = await editor.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    if (overflow) fail('the queue is wider than the phone');
    await Promise.all([editor.waitForNavigation(), card.locator('button.approve').click()]);
    if ((await editor.locator('article.queued', { hasText: text }).count()) !== 0) fail(`"${text}" is still queued`);
  }
  await approve('متى يفتح الجسر من جديد؟');
  step('the editor approved it from the queue');

  await reader.reload();
  if ((await title(reader)) !== 'تعليق واحد') fail(`count after approval: ${await title(reader)}`);

  // A second reader answers it: the form moves under the comment, the reply waits, then is
  // approved and shows nested under its parent.
  const second = await open(await browser.newContext(phone));
  await second.goto(`${base}${postPath}`);
  await second.evaluate(() => { window.stillHere = true; });
  await second.click('li.comment a.reply');
  if ((await second.locator('li.comment #comment-form').count()) !== 1) fail('the form did not move under the comment');
  const replying = (await second.textContent('[data-replying]')).trim();
  if (replying !== 'ردًّا على سلمى') fail(`replying label: ${replying}`);
  await second.fill('#comment-name', 'أحمد');
  await second.fill('#comment-body', 'بعد أسبوعين كما قالت البلدية.');
  await writing();
  await second.click('#comment-form button[type=submit]');
  await second.waitForSelector('#comments .notice[role=status]');
  if (!(await second.evaluate(() => window.stillHere === true))) fail('the page reloaded on reply');
  step('a second reader replied under the comment and waits');
  await approve('بعد أسبوعين كما قالت البلدية.');
  await reader.reload();
  if ((await title(reader)) !== 'تعليقان') fail(`count after the reply: ${await title(reader)}`);
  const nested = await reader.locator('li.comment.depth-1', { hasText: 'بعد أسبوعين' }).count();
  if (nested !== 1) fail('the reply is not nested under its comment');
  step('the count and the thread updated');

  // The editor answers from the public page: published at once, under the account, with a badge.
  await editor.goto(`${base}${postPath}`);
  await editor.click('li.comment.depth-1 a.reply');
  await editor.fill('#comment-name', 'اسم مستعار');
  await editor.fill('#comment-body', 'صحيح، والموعد النهائي يُعلن الأسبوع القادم.');
  await writing();
  await editor.click('#comment-form button[type=submit]');
  await editor.waitForFunction(() => document.querySelector('#comments-title')?.textContent.trim() === '3 تعليقات');
  const badge = await editor.locator('li.comment.staff.depth-2 .badge').count();
  if (badge !== 1) fail('the staff reply has no badge or is not at the third level');
  step('the newsroom answered with its badge');

  // Hostile comments: shown as text; nothing runs, nothing pops up.
  const hostile = await open(await browser.newContext(phone));
  await hostile.goto(`${base}${hostilePath}`);
  await hostile.waitForTimeout(500);
  const bodies = await hostile.locator('.comment-body').allTextContents();
  if (!bodies.some((b) => b.includes('<script>window.pwned=true;alert(2)</script>'))) fail(`hostile text not shown: ${bodies}`);
  if (await hostile.evaluate(() => window.pwned === true)) fail('a hostile script ran');
  await hostile.click('.comment-body >> nth=0');
  step('hostile comments are inert text');

  if (errors.length) fail(`errors or dialogs: ${errors.join(' | ')}`);
  console.log('all steps passed');
} finally {
  await browser.close();
}
