// Never losing a word, in a real browser (Debian's Chromium through playwright-core) at a
// phone's width: a new story is saved to the server while it is typed; the network drops for a
// few seconds and every word typed meanwhile reaches the server once it returns; a second
// editor saves the same post in another browser, and the first one's next save is refused
// with both versions shown, nothing of either lost.
// Run by tests/it/conflicts.rs with the server's address, two editors' e-mails and the password.
import { fail, launch, signIn, step, storedBody, waitFor } from './lib.mjs';

const [base, firstEmail, secondEmail, password] = process.argv.slice(2);

const browser = await launch();
async function writer(email) {
  const context = await browser.newContext({ viewport: { width: 412, height: 860 } });
  // These writers use the plain textarea; the visual editor feeds the same field.
  await context.addInitScript(() => localStorage.setItem('minbar-editor-mode', 'text'));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, base, email, password);
  return { context, page, errors };
}
const status = (page) => page.textContent('[data-autosave-status]');

try {
  const first = await writer(firstEmail);
  await first.page.goto(`${base}/admin/posts/new`);
  await first.page.fill('#title', 'اجتماع لجنة الحي');
  await first.page.type('#body', 'اجتمعت لجنة الحي مساء اليوم. ');
  await waitFor('the first autosave', async () => /\/admin\/posts\/\d+\/edit$/.test(first.page.url()));
  const editUrl = first.page.url();
  step(`the new story was saved while typed: ${editUrl}`);

  await first.context.setOffline(true);
  await first.page.type('#body', 'وناقشت مشكلة المياه في الشارع الرئيسي. ');
  await waitFor('the offline note', async () => (await status(first.page)).includes(
    await first.page.getAttribute('[data-autosave-status]', 'data-offline')));
  step('offline, the editor says the text waits in the browser');
  await new Promise((r) => setTimeout(r, 3000));
  await first.context.setOffline(false);
  await waitFor('every word on the server', async () =>
    (await storedBody(first.context, editUrl)).includes('وناقشت مشكلة المياه في الشارع الرئيسي.'));
  step('back online, every word typed offline reached the server');

  // A second editor opens the same story and saves it.
  const second = await writer(secondEmail);
  await second.page.goto(editUrl);
  // Each is told the other has the story open, before either saves.
  await waitFor('the second editor to be told of the first', async () =>
    ((await second.page.textContent('[data-presence]')) || '').includes('رامي'), 20);
  await waitFor('the first editor to be told of the second', async () =>
    ((await first.page.textContent('[data-presence]')) || '').includes('هدى'), 20);
  step('two editors of one story are told of each other');
  await second.page.fill('#body', 'نص المحررة الثانية.');
  await Promise.all([second.page.waitForURL(/saved=1/), second.page.click('button[value=save]')]);
  step('a second editor saved the same story in another browser');

  // The first writer goes on typing: the autosave is refused and says why.
  await first.page.type('#body', 'وسيُعقد اجتماع آخر الأسبوع المقبل.');
  const conflictNote = 'حفظ شخص آخر';
  await waitFor('the conflict note', async () => (await status(first.page)).includes(conflictNote));
  step('the first writer is told someone else saved');
  // Saving anyway is refused with both versions shown and the first writer's text kept.
  const [response] = await Promise.all([
    first.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(editUrl.replace(/\/edit$/, ''))),
    first.page.click('button[value=save]'),
  ]);
  if (response.status() !== 409) fail(`the second save answered ${response.status()}`);
  await first.page.waitForSelector('section.conflict');
  const theirs = await first.page.textContent('section.conflict');
  if (!theirs.includes('نص المحررة الثانية.')) fail('their version is not shown');
  if (!theirs.includes('وسيُعقد اجتماع آخر الأسبوع المقبل.')) fail('my version is not shown');
  if (!(await first.page.inputValue('#body')).includes('وسيُعقد اجتماع آخر الأسبوع المقبل.')) {
    fail('my text left the form');
  }
  if ((await storedBody(second.context, editUrl)) !== 'نص المحررة الثانية.') fail('their save was overwritten');
  step('the second save was refused with both versions shown and nothing lost');
  const errors = [...first.errors, ...second.errors];
  if (errors.length) fail(`page errors: ${errors.join('; ')}`);
  console.log('all steps passed');
} finally {
  await browser.close();
}
