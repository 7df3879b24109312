// The visual editor in a real browser (Debian's Chromium through playwright-core), at a phone's
// width: an editor writes an Arabic story with a heading, a list and a link from the toolbar,
// pastes a fragment of a web page (only its structure stays), is refused a javascript: link and a
// paste of 5 MB without losing a word, publishes, and the public page has the structure and
// nothing else; a Markdown post opens as formatted text; "edit as text" brings the textarea back
// and is remembered. A photo is taken through the photo button (a file that is not an image is
// refused with the server's message; a dropped connection is tried again), described, captioned
// and credited, and the public page shows it with its credit, in its JSON-LD too; the cover is
// chosen from earlier uploads. Run by tests/it/browser.rs with the server's address, an editor's
// account, the edit address of a post written in Markdown and a photo's path.
import { fail, launch, signIn, step } from './lib.mjs';

const [base, editorEmail, password, markdownPost, photo] = process.argv.slice(2);

const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, hasTouch: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // While uploads are refused or dropped on purpose, Chromium reports each failed request.
  let uploadsFail = false;
  page.on('console', (m) => m.type() === 'error' && !(uploadsFail && /Failed to load resource/.test(m.text()))
    && errors.push(`${page.url()}: ${m.text()}`));

  await signIn(page, base, editorEmail, password);
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

  // A photo: the photo button opens the camera or gallery; a file that is not an image is refused
  // with the server's message, the text untouched.
  await page.click(`${area} h2`);
  await page.keyboard.press('End');
  const withoutPhoto = await page.innerHTML(area);
  const input = await page.$eval('[data-photo-file]', (i) => [i.type, i.accept, i.getAttribute('capture')].join(' '));
  if (input !== 'file image/* environment') fail(`the photo input is not the camera's: ${input}`);
  uploadsFail = true;
  let [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-photo-open]')]);
  await chooser.setFiles({ name: 'bridge.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<svg onload="window.pwned=7"></svg>') });
  await page.waitForSelector('[data-photo-alert]', { state: 'visible' });
  const refusedWith = await page.textContent('[data-photo-alert]');
  if (refusedWith !== 'الملف ليس صورة JPEG أو PNG أو WebP أو GIF.') fail(`not the server's message: ${refusedWith}`);
  await page.click('[data-photo-cancel]');
  if ((await page.innerHTML(area)) !== withoutPhoto) fail('a refused photo changed the text');
  step("a file that is not an image is refused with the server's message, the text intact");

  // The real one, its first attempt cut off: sent again, with a progress bar; the writer is asked
  // what it shows, and a caption or credit too long is refused in the editor.
  let attempts = 0;
  await page.route('**/admin/media', (route) => (route.request().method() === 'POST' && !attempts++
    ? route.abort('connectionreset') : route.continue()));
  [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-photo-open]')]);
  await chooser.setFiles(photo);
  await page.waitForSelector('[data-photo-progress]', { state: 'visible' });
  const group = await page.$eval('[data-photo-form]', (f) => [f.getAttribute('role'), document.getElementById(f.getAttribute('aria-labelledby'))?.textContent]);
  if (group[0] !== 'group' || !group[1]) fail(`the photo's form is not a labelled group: ${group}`);
  await page.click('[data-photo-insert]');
  if (!(await page.textContent('[data-photo-alert]')).includes('للزينة')) fail('a photo without alt text was not refused');
  await page.fill('#visual-photo-alt', 'الجسر الجديد فوق النهر يوم الافتتاح');
  await page.fill('#visual-photo-caption', 'ج'.repeat(1001));
  await page.click('[data-photo-insert]');
  if (!(await page.textContent('[data-photo-alert]')).includes('1000')) fail('a caption of 1,001 characters was not refused');
  await page.fill('#visual-photo-caption', 'الجسر صباح الافتتاح');
  await page.fill('#visual-photo-credit', 'ت'.repeat(201));
  await page.click('[data-photo-insert]');
  if (!(await page.textContent('[data-photo-alert]')).includes('200')) fail('a credit of 201 characters was not refused');
  if ((await page.innerHTML(area)) !== withoutPhoto) fail('a refused photo changed the text');
  await page.fill('#visual-photo-credit', 'تصوير: سلمى');
  await page.waitForFunction(() => document.querySelector('[data-photo-progress]').value === 1
    && document.querySelector('[data-photo-state]').textContent === 'رُفعت.', null, { timeout: 20000 });
  if (attempts !== 2) fail(`the upload was not tried again after the dropped connection (${attempts} attempts)`);
  await page.unroute('**/admin/media');
  uploadsFail = false;
  await page.click('[data-photo-insert]');
  await page.waitForSelector(`${area} figure img`);
  const figure = await page.$eval(`${area} figure`, (f) => ({
    src: f.querySelector('img').getAttribute('src'),
    alt: f.querySelector('img').getAttribute('alt'),
    caption: f.querySelector('figcaption')?.firstChild?.textContent,
    credit: f.querySelector('figcaption small')?.textContent,
    after: f.previousElementSibling?.tagName,
  }));
  if (!/^\/media\/[0-9a-f]+-1200x800\.jpg$/.test(figure.src)) fail(`the photo's address: ${figure.src}`);
  if (figure.alt !== 'الجسر الجديد فوق النهر يوم الافتتاح' || figure.caption.trim() !== 'الجسر صباح الافتتاح' || figure.credit !== 'تصوير: سلمى') {
    fail(`the figure: ${JSON.stringify(figure)}`);
  }
  if (figure.after !== 'H2') fail(`the photo is not where the caret was: ${JSON.stringify(figure)}`);
  if (!(await page.inputValue('#body')).includes('الجسر صباح الافتتاح <small>تصوير: سلمى</small></figcaption></figure>')) {
    fail(`the form lacks the figure: ${await page.inputValue('#body')}`);
  }
  const photoName = figure.src.slice('/media/'.length);
  step('a photo taken with the photo button, sent again after a dropped connection, described and credited, is in the text');

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

  // The cover, chosen from earlier uploads: a labelled region of buttons.
  await page.click('[data-media-open]');
  await page.waitForSelector('[data-media-list] li button');
  if ((await page.getAttribute('[data-media-open]', 'aria-expanded')) !== 'true') fail('the picker button does not say it is open');
  const region = await page.$eval('[data-media-picker]', (p) => document.getElementById(p.getAttribute('aria-labelledby'))?.textContent);
  if (!region) fail('the picker is not labelled');
  const firstThumb = await page.getAttribute('[data-media-list] li img', 'src');
  if (!firstThumb.includes(photoName.split('-')[0])) fail(`the newest upload is not first: ${firstThumb}`);
  await page.focus('[data-media-list] li button[data-media=cover]');
  await page.keyboard.press('Enter');
  if ((await page.inputValue('#cover')) !== photoName) fail(`the cover is not the photo: ${await page.inputValue('#cover')}`);
  await page.click('[data-media-close]');
  if (await page.isVisible('[data-media-picker]')) fail('the picker did not close');
  step('the cover is chosen from earlier uploads with the keyboard');

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

  const shown = await post.evaluate(() => {
    const f = document.querySelector('article figure:not(.cover)');
    const found = [];
    const walk = (v) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        if (v['@type'] === 'ImageObject') found.push(v);
        Object.values(v).forEach(walk);
      }
    };
    document.querySelectorAll('script[type="application/ld+json"]').forEach((s) => walk(JSON.parse(s.textContent)));
    return {
      caption: f?.querySelector('figcaption')?.textContent,
      credit: f?.querySelector('figcaption small')?.textContent,
      captionAfterImage: !!f?.querySelector('img + figcaption'),
      cover: document.querySelector('figure.cover img')?.getAttribute('src'),
      images: found,
    };
  });
  if (!shown.captionAfterImage || !shown.caption?.includes('الجسر صباح الافتتاح') || shown.credit !== 'تصوير: سلمى') {
    fail(`the photo's caption and credit are not under it: ${JSON.stringify(shown)}`);
  }
  if (!shown.images.some((i) => i.creditText === 'تصوير: سلمى' && i.caption === 'الجسر صباح الافتتاح')) {
    fail(`no ImageObject with the credit in the JSON-LD: ${JSON.stringify(shown.images)}`);
  }
  if (!shown.cover?.includes(photoName.split('-')[0])) fail(`the cover is not shown: ${shown.cover}`);
  step('the public page shows the caption and credit under the photo, the cover, and an ImageObject with creditText');

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
