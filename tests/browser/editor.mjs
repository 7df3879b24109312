// The visual editor in a real browser (Debian's Chromium through playwright-core), at a phone's
// width: an editor writes an Arabic story with a heading, a list and a link from the toolbar,
// pastes a fragment of a web page (only its structure stays), is refused a javascript: link and a
// paste of 5 MB without losing a word, publishes, and the public page has the structure and
// nothing else; a Markdown post opens as formatted text; "edit as text" brings the textarea back
// and is remembered. Run by tests/it/browser.rs with the server's address, an editor's account
// and the edit address of a post written in Markdown.
import { chromium } from 'playwright-core';

const [base, editorEmail, password, markdownPost] = process.argv.slice(2);
const fail = (message) => {
  console.error(`FAIL: ${message}`);
  process.exit(1);
};
const step = (message) => console.log(`ok: ${message}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, hasTouch: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(`${page.url()}: ${m.text()}`));

  await page.goto(`${base}/admin/login`);
  await page.fill('#email', editorEmail);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${base}/admin/`), page.click('form.signin button')]);
  step('signed in');

  await page.goto(`${base}/admin/posts/new`);
  await page.waitForSelector('[data-visual]', { state: 'visible' });
  if (await page.isVisible('#body')) fail('the textarea is shown beside the visual editor');
  const area = '#visual-body';
  const role = await page.getAttribute(area, 'role');
  const label = await page.$eval(area, (a) => document.getElementById(a.getAttribute('aria-labelledby'))?.textContent);
  if (role !== 'textbox' || (await page.getAttribute(area, 'aria-multiline')) !== 'true' || !label) {
    fail(`the editing area is not a labelled multi-line textbox (${role}, ${label})`);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  if (overflow) fail('the editor is wider than 412 px');
  const small = await page.$$eval('.visual-toolbar button', (bs) => bs
    .map((b) => [b.textContent.trim(), b.getBoundingClientRect()])
    .filter(([, r]) => r.width < 44 || r.height < 44)
    .map(([name]) => name));
  if (small.length) fail(`toolbar buttons smaller than 44 px: ${small}`);
  step('the visual editor replaces the textarea, fits 412 px, buttons of 44 px');

  // A story typed as a reporter would: paragraphs, a heading, a list, a link made from words.
  await page.fill('#title', 'افتتاح جسر منبج الجديد');
  await page.click(area);
  await page.keyboard.type('افتتح صباح اليوم الجسر الجديد على النهر.');
  await page.keyboard.press('Enter');
  await page.click('[data-block=h2]');
  await page.keyboard.type('ماذا قال الأهالي');
  if ((await page.getAttribute('[data-block=h2]', 'aria-pressed')) !== 'true') fail('the heading button is not pressed in a heading');
  await page.keyboard.press('Enter');
  await page.keyboard.type('قال السكان لمراسل BBC Arabic إن الجسر يختصر الطريق.');
  await page.keyboard.press('Enter');
  await page.click('[data-list=ul]');
  await page.keyboard.type('أقرب إلى السوق');
  await page.keyboard.press('Enter');
  await page.keyboard.type('أقرب إلى المدرسة');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('التقرير الكامل');
  await page.keyboard.press('Shift+Home');
  await page.click('[data-link-open]');
  await page.fill('#visual-link-url', 'https://example.org/report');
  await page.click('[data-link-apply]');
  await page.waitForSelector(`${area} a[href="https://example.org/report"]`);
  const structure = await page.$eval(area, (a) => ({
    h2: a.querySelector('h2')?.textContent,
    items: [...a.querySelectorAll('ul > li')].map((li) => li.textContent),
    link: a.querySelector('a')?.textContent,
    undirected: [...a.querySelectorAll('p, h2, ul, li')].filter((b) => b.getAttribute('dir') !== 'auto').length,
  }));
  if (structure.h2 !== 'ماذا قال الأهالي') fail(`no heading: ${JSON.stringify(structure)}`);
  if (structure.items.join('|') !== 'أقرب إلى السوق|أقرب إلى المدرسة') fail(`no list: ${JSON.stringify(structure)}`);
  if (structure.link !== 'التقرير الكامل') fail(`the link is not on its words: ${JSON.stringify(structure)}`);
  if (structure.undirected) fail(`${structure.undirected} blocks without dir="auto"`);
  step('wrote a heading, a list and a link from the toolbar, every block dir="auto"');

  // A javascript: address is refused in the editor, and nothing is lost.
  const before = await page.innerHTML(area);
  await page.click(`${area} p`);
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.click('[data-link-open]');
  await page.fill('#visual-link-url', 'javascript:alert(document.cookie)');
  await page.click('[data-link-apply]');
  await page.waitForSelector('[data-visual-alert]', { state: 'visible' });
  if ((await page.getAttribute('[data-visual-alert]', 'role')) !== 'alert') fail('the refusal is not an alert');
  if (!(await page.textContent('[data-visual-alert]')).includes('https')) fail('the refusal does not say what is accepted');
  if ((await page.inputValue('#visual-link-url')) !== 'javascript:alert(document.cookie)') fail('the typed address was lost');
  if ((await page.innerHTML(area)) !== before) fail('a refused link changed the text');
  await page.click('[data-link-cancel]');
  if ((await page.inputValue('#body')).includes('javascript')) fail('a javascript: link reached the form');
  step('a javascript: link is refused with a message, nothing lost');

  // A fragment of a web page: only its structure is kept.
  await page.click(`${area} ul`);
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  const pasted = await page.evaluate(() => {
    const fragment = '<meta charset="utf-8"><div class="article" style="color:red" onclick="window.pwned=1">'
      + '<h1 class="title" style="font-size:40px">عنوان ملصوق من موقع</h1>'
      + '<p class="lead" style="font-family:Tahoma" onmouseover="window.pwned=2">فقرة <b style="color:blue">ملصوقة</b> '
      + 'مع <a href="https://example.com/story" onclick="window.pwned=3" style="color:red" target="_blank">رابط</a> '
      + 'و<a href="javascript:window.pwned=4">رابط خطر</a></p>'
      + '<script>window.pwned=5</script><style>p{color:red}</style>'
      + '<ul class="x"><li style="margin:9px">أولاً</li><li>ثانياً</li></ul>'
      + '<img src="x" onerror="window.pwned=6"><!-- a comment --></div>';
    const data = new DataTransfer();
    data.setData('text/html', fragment);
    data.setData('text/plain', 'عنوان ملصوق من موقع');
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    document.querySelector('#visual-body').dispatchEvent(event);
    return event.defaultPrevented;
  });
  if (!pasted) fail('the editor did not take the paste');
  await page.waitForFunction(() => document.querySelector('#visual-body').textContent.includes('عنوان ملصوق من موقع'));
  await page.waitForTimeout(100);
  const kept = await page.evaluate(() => {
    const a = document.querySelector('#visual-body');
    return {
      html: a.innerHTML,
      heading: [...a.querySelectorAll('h2')].map((h) => h.textContent).includes('عنوان ملصوق من موقع'),
      bold: [...a.querySelectorAll('strong, b')].some((b) => b.textContent === 'ملصوقة'),
      link: !!a.querySelector('a[href="https://example.com/story"]'),
      items: [...a.querySelectorAll('li')].map((li) => li.textContent).filter((t) => t === 'أولاً' || t === 'ثانياً').length,
      styled: a.querySelectorAll('[style], [class], [onclick], [onmouseover], [target], script, style, img, h1').length,
      pwned: window.pwned,
      body: document.querySelector('#body').value,
    };
  });
  if (!kept.heading || !kept.bold || !kept.link || kept.items !== 2) fail(`the structure was not kept: ${kept.html}`);
  if (kept.styled || /style|class=|onclick|onmouseover|onerror|script|javascript/.test(kept.html)) fail(`styles or scripts survived the paste: ${kept.html}`);
  if (/style|class=|onclick|onmouseover|onerror|script|javascript/.test(kept.body)) fail(`styles or scripts reached the form: ${kept.body}`);
  if (kept.pwned !== undefined) fail(`pasted script ran (${kept.pwned})`);
  if (!(await page.textContent(area)).includes('رابط خطر')) fail('the text of a refused link was lost');
  step('pasted a web page fragment: headings, bold, links and lists kept; styles, classes, scripts, handlers dropped');

  // A paste of 5 MB is refused with a message; nothing typed is lost.
  const typed = await page.innerHTML(area);
  const typedBody = await page.inputValue('#body');
  const huge = await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/html', `<p>${'خبر عاجل '.repeat(320000)}</p>`);
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    document.querySelector('#visual-body').dispatchEvent(event);
    return event.defaultPrevented;
  });
  if (!huge) fail('the large paste was not stopped');
  await page.waitForSelector('[data-visual-alert]', { state: 'visible' });
  if (!/1/.test(await page.textContent('[data-visual-alert]'))) fail('the refusal does not name the limit');
  if ((await page.innerHTML(area)) !== typed || (await page.inputValue('#body')) !== typedBody) fail('the large paste changed the text');
  step('a paste of 5 MB is refused with a message, the text intact');

  // The form carries the cleaned HTML.
  const body = await page.inputValue('#body');
  if ((await page.inputValue('input[name=format]')) !== 'html') fail('the format is not html');
  for (const part of ['<h2 dir="auto">ماذا قال الأهالي</h2>', '<ul dir="auto">', '<a href="https://example.org/report">التقرير الكامل</a>']) {
    if (!body.includes(part)) fail(`the form's body lacks ${part}: ${body}`);
  }
  step('the hidden textarea holds the cleaned HTML with format=html');

  // Left unsaved: admin.js kept the body with its format, and the visual editor shows it again
  // (without the live preview, which it would only repeat).
  await page.goto(`${base}/admin/posts/new`);
  await page.waitForSelector(`${area} h2`);
  if (await page.isHidden('[data-restored]')) fail('the writer was not told the text came back');
  if ((await page.inputValue('#body')) !== body || (await page.inputValue('input[name=format]')) !== 'html') {
    fail('the kept body or its format was lost');
  }
  if ((await page.inputValue('#title')) !== 'افتتاح جسر منبج الجديد') fail('the kept title was lost');
  await page.click(`${area} h2`);
  await page.keyboard.press('End');
  await page.keyboard.type('؟');
  await page.waitForTimeout(600);
  if (await page.isVisible('.preview')) fail('the live preview repeats the visual editor');
  step('text left unsaved comes back in the visual editor');

  await page.selectOption('#status', 'published');
  await Promise.all([page.waitForURL(/\/admin\/posts\/\d+\/edit\?saved=1/), page.click('button[value=save]')]);
  await page.waitForSelector(`${area} h2`);
  if ((await page.inputValue('input[name=format]')) !== 'html') fail('the saved post is not html');
  const publicUrl = await page.getAttribute('main > p > a', 'href');
  step('published, and it opens again in the visual editor');

  const reader = await browser.newContext({ viewport: { width: 412, height: 915 }, javaScriptEnabled: false });
  const post = await reader.newPage();
  const response = await post.goto(`${base}${publicUrl}`);
  if (response.status() !== 200) fail(`the public page answered ${response.status()}`);
  const article = await post.evaluate(() => {
    const b = document.querySelector('article .body') || document.querySelector('article');
    return {
      html: b.innerHTML,
      h2: [...b.querySelectorAll('h2')].map((h) => h.textContent),
      items: b.querySelectorAll('ul > li').length,
      link: !!b.querySelector('a[href="https://example.org/report"]'),
      bad: b.querySelectorAll('[style], [class], [onclick], [onmouseover], script, style').length,
    };
  });
  if (!article.h2.includes('ماذا قال الأهالي؟') || !article.h2.includes('عنوان ملصوق من موقع')) fail(`headings missing: ${article.html}`);
  if (article.items < 4 || !article.link) fail(`list or link missing: ${article.html}`);
  if (article.bad || /onclick|onmouseover|onerror|javascript:|<script/.test(article.html)) fail(`style or script on the public page: ${article.html}`);
  step('the public page has the heading, list and link, and no style, script or handler');

  // A Markdown post opens formatted; it becomes HTML only when edited.
  await page.goto(`${base}${markdownPost}`);
  await page.waitForSelector(`${area} strong`);
  if ((await page.inputValue('input[name=format]')) !== 'markdown') fail('opening a Markdown post changed its format');
  const converted = await page.$eval(area, (a) => ({ strong: a.querySelector('strong')?.textContent, items: a.querySelectorAll('li').length }));
  if (converted.strong !== 'الجسر' || converted.items !== 2) fail(`the Markdown post did not open formatted: ${JSON.stringify(converted)}`);
  await page.click(`${area} li`);
  await page.keyboard.press('End');
  await page.keyboard.type(' والمدرسة');
  if ((await page.inputValue('input[name=format]')) !== 'html' || !(await page.inputValue('#body')).includes('<strong>الجسر</strong>')) {
    fail('an edited Markdown post did not become HTML');
  }
  step('a Markdown post opens formatted and is HTML once edited');

  // "Edit as text" brings the textarea back with the current body, and is remembered.
  await page.click('[data-to-text]');
  await page.waitForSelector('#body', { state: 'visible' });
  if (await page.isVisible('[data-visual]')) fail('the visual editor stayed');
  if (!(await page.inputValue('#body')).includes('والمدرسة')) fail('the textarea lacks what was typed');
  await page.goto(`${base}/admin/posts/new`);
  await page.waitForSelector('[data-to-visual]', { state: 'visible' });
  if (!(await page.isVisible('#body')) || (await page.isVisible('[data-visual]'))) fail('the choice of text was not remembered');
  await page.fill('#body', 'نص **عريض** مكتوب كنص');
  await page.click('[data-to-visual] button');
  await page.waitForSelector('[data-visual]', { state: 'visible' });
  if ((await page.textContent(`${area} strong`)) !== 'عريض') fail('the text written as Markdown did not come back formatted');
  if ((await page.evaluate(() => localStorage.getItem('minbar-editor-mode'))) !== 'visual') fail('the visual choice was not remembered');
  step('"edit as text" brings the textarea back, is remembered, and the visual editor returns');

  if (errors.length) fail(`browser errors: ${errors.join('; ')}`);
  console.log('all steps passed');
} finally {
  await browser.close();
}
