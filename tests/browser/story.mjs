// One story from the first word to its correction, in a real browser (Debian's Chromium through
// playwright-core) at a phone's width, as issue 17's "done when" tells it: a reporter writes an
// Arabic story with a heading, a list and a link in the visual editor; pastes a fragment of a
// web page (only its structure stays); adds a photo through the file chooser while the network
// is down (it goes when the network returns) with a caption and a credit; puts a colleague's
// earlier photo in the text and makes it the cover from the picker; is refused an embed from a
// service Minbar does not know and adds a YouTube one; loses the network while typing and finds
// every word saved once it returns; a second editor saves the same story in another browser and
// the reporter's save is refused with both versions shown; the reporter publishes and adds a
// correction; a reader sees the caption, credit and correction on the page, in the Atom feed and
// in the JSON-LD, and no browser reported an error.
// Run by tests/it/story.rs with the server's address, two editors' e-mails, the password and the
// paths of two photos.
import { fail, launch, signIn, step, storedBody, waitFor } from './lib.mjs';

const [base, firstEmail, secondEmail, password, bridgePhoto, marketPhoto] = process.argv.slice(2);
const area = '#visual-body';
const browser = await launch();
const errors = [];
// A writer in a browser of their own; requests the test cuts off on purpose are not errors.
async function writer(email) {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, hasTouch: true });
  const page = await context.newPage();
  const who = { context, page, offline: false, refused: false };
  page.on('pageerror', (e) => errors.push(`${email}: ${e.message}`));
  // Chromium reports as an error every request that fails (while offline on purpose) and every
  // answer of 409, which is how the server refuses a save over a newer one (on purpose too).
  page.on('console', (m) => m.type() === 'error'
    && !(who.offline && /Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(m.text()))
    && !(who.refused && /status of 409/.test(m.text()))
    && errors.push(`${email} ${page.url()}: ${m.text()}`));
  who.setOffline = async (offline) => {
    if (offline) who.offline = true;
    await context.setOffline(offline);
    // Requests that failed while offline report a moment later.
    if (!offline) setTimeout(() => { who.offline = false; }, 1000);
  };
  await signIn(page, base, email, password);
  return who;
}
const text = (page, selector) => page.textContent(selector).then((t) => (t || '').trim());
const hash = (name) => name.split('-')[0];

try {
  const first = await writer(firstEmail);
  const { page } = first;

  // A colleague's photo, uploaded earlier from the media page.
  await page.goto(`${base}/admin/media`);
  await page.setInputFiles('#file', marketPhoto);
  await Promise.all([page.waitForURL(`${base}/admin/media`), page.click('form.upload button')]);
  await page.waitForSelector('.media-grid li img');
  const market = (await page.getAttribute('.media-grid li a', 'href')).slice('/media/'.length);
  step(`an earlier photo is in the media library: ${market}`);

  // The story, typed from the toolbar.
  await page.goto(`${base}/admin/posts/new`);
  await page.waitForSelector('[data-visual]', { state: 'visible' });
  await page.fill('#title', 'سوق منبج يعود بعد الحريق');
  await page.click(area);
  await page.keyboard.type('عاد السوق الشعبي في منبج إلى العمل صباح اليوم.');
  await page.keyboard.press('Enter');
  await page.click('[data-block=h2]');
  await page.keyboard.type('ما الذي تغيّر');
  await page.keyboard.press('Enter');
  await page.click('[data-list=ol]');
  await page.keyboard.type('محلات أُعيد بناؤها');
  await page.keyboard.press('Enter');
  await page.keyboard.type('مخارج طوارئ جديدة');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('تقرير الدفاع المدني');
  await page.keyboard.press('Shift+Home');
  await page.click('[data-link-open]');
  await page.fill('#visual-link-url', 'https://example.org/civil-defence');
  await page.click('[data-link-apply]');
  await page.waitForSelector(`${area} a[href="https://example.org/civil-defence"]`);
  const typed = await page.$eval(area, (a) => ({
    h2: a.querySelector('h2')?.textContent,
    items: [...a.querySelectorAll('ol > li')].map((li) => li.textContent).join('|'),
    link: a.querySelector('a')?.textContent,
  }));
  if (typed.h2 !== 'ما الذي تغيّر' || typed.items !== 'محلات أُعيد بناؤها|مخارج طوارئ جديدة' || typed.link !== 'تقرير الدفاع المدني') {
    fail(`the story's structure: ${JSON.stringify(typed)}`);
  }
  step('wrote an Arabic story with a heading, a numbered list and a link');

  // The first autosave makes the post; the address becomes its editor's.
  await waitFor('the first autosave', async () => /\/admin\/posts\/\d+\/edit$/.test(page.url()));
  const editUrl = page.url();
  const postId = editUrl.match(/posts\/(\d+)\//)[1];
  step(`saved while typed: ${editUrl}`);

  // A fragment of a web page keeps its structure and loses its styles and scripts.
  await page.keyboard.press('Enter');
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/html', '<div style="color:red" onclick="window.pwned=1"><h3 class="t">شهادات التجار</h3>'
      + '<p style="font-size:30px">قال <b style="color:blue">أبو محمد</b> إن <a href="https://example.com/x" onclick="window.pwned=2">الخسائر</a> كبيرة.</p>'
      + '<script>window.pwned=3</script><style>p{color:red}</style></div>');
    document.querySelector('#visual-body').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.waitForSelector(`${area} h3`);
  const pasted = await page.evaluate(() => ({
    html: document.querySelector('#visual-body').innerHTML,
    bold: document.querySelector('#visual-body strong')?.textContent,
    pwned: window.pwned,
  }));
  if (pasted.bold !== 'أبو محمد' || !pasted.html.includes('href="https://example.com/x"')) fail(`the pasted structure: ${pasted.html}`);
  if (/style|class=|onclick|script/.test(pasted.html) || pasted.pwned !== undefined) fail(`styles or scripts survived: ${pasted.html}`);
  step('a pasted web page fragment kept its heading, bold and link, and lost its styles and script');

  // A photo from the file chooser while the network is down: it waits, and goes as soon as the
  // network returns; the reporter describes, captions and credits it meanwhile.
  await page.click(`${area} h2`);
  await page.keyboard.press('End');
  await first.setOffline(true);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-photo-open]')]);
  await chooser.setFiles(bridgePhoto);
  const offlineWords = await page.getAttribute('[data-photo-form]', 'data-offline');
  await waitFor('the photo to wait for the network', async () => (await text(page, '[data-photo-state]')) === offlineWords);
  await page.fill('#visual-photo-alt', 'محلات السوق بعد إعادة بنائها');
  await page.fill('#visual-photo-caption', 'السوق صباح إعادة الافتتاح');
  await page.fill('#visual-photo-credit', 'تصوير: سلمى');
  await first.setOffline(false);
  const uploaded = await page.getAttribute('[data-photo-form]', 'data-uploaded');
  await waitFor('the photo to go when the network returns', async () => (await text(page, '[data-photo-state]')) === uploaded);
  await page.click('[data-photo-insert]');
  await page.waitForSelector(`${area} figure img`);
  const bridge = (await page.getAttribute(`${area} figure img`, 'src')).slice('/media/'.length);
  if (hash(bridge) === hash(market)) fail('the new photo is the old one');
  step('a photo chosen offline was sent when the network returned, and placed with its caption and credit');

  // The colleague's photo, from the picker, into the text and as the cover.
  await page.click(`${area} ol li:last-child`);
  await page.keyboard.press('End');
  await page.click('[data-media-open]');
  await page.waitForSelector('[data-media-list] li:nth-child(2) button');
  const item = page.locator('[data-media-list] li').filter({ has: page.locator(`img[src*="${hash(market)}"]`) });
  await item.locator('button[data-media=insert]').click();
  if (await page.isVisible('[data-media-picker]')) fail('the picker stayed open');
  if (!(await page.getAttribute('[data-photo-preview]', 'src')).includes(hash(market))) fail('the photo form does not show the chosen photo');
  await page.fill('#visual-photo-alt', 'واجهة السوق المحترقة');
  await page.fill('#visual-photo-caption', 'السوق بعد الحريق بيوم');
  await page.fill('#visual-photo-credit', 'أرشيف منبج اليوم');
  await page.click('[data-photo-insert]');
  await page.waitForSelector(`${area} figure img[src*="${hash(market)}"]`);
  await page.click('[data-media-open]');
  await item.locator('button[data-media=cover]').click();
  if ((await page.inputValue('#cover')) !== market) fail(`the cover: ${await page.inputValue('#cover')}`);
  await page.waitForSelector(`img.cover-preview[src*="${hash(market)}"]`, { state: 'visible' });
  await page.click('[data-media-close]');
  step('an earlier upload was put in the text and made the cover from the picker, its preview shown');

  // Embeds: a link from a service Minbar does not embed is refused with the services it does,
  // the typed address kept; a YouTube link goes in as a block of its own.
  const beforeEmbed = await page.innerHTML(area);
  await page.click('[data-embed-open]');
  await page.fill('#visual-embed-url', 'https://vimeo.com/76979871');
  await page.click('[data-embed-apply]');
  await page.waitForSelector('[data-visual-alert]', { state: 'visible' });
  const refusal = await text(page, '[data-visual-alert]');
  if (!refusal.includes('YouTube') || !refusal.includes('Telegram')) fail(`the refusal does not name the services: ${refusal}`);
  if ((await page.inputValue('#visual-embed-url')) !== 'https://vimeo.com/76979871') fail('the typed address was lost');
  if ((await page.innerHTML(area)) !== beforeEmbed) fail('a refused embed changed the text');
  await page.fill('#visual-embed-url', 'https://youtu.be/dQw4w9WgXcQ');
  await page.click('[data-embed-apply]');
  await page.waitForSelector(`${area} p > a[href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"]`);
  if (await page.isVisible('[data-visual-alert]')) fail('the refusal stayed');
  if (!(await text(page, '[data-visual-status]')).includes('YouTube')) fail('the writer was not told the embed was added');
  step('an embed from an unknown service was refused with a message; a YouTube one was added');

  // An address pasted alone on its line: the reporter is told readers will see it embedded.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'https://x.com/manbij/status/1790000000000000000');
    document.querySelector('#visual-body').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await waitFor('the note on the pasted link', async () => (await text(page, '[data-visual-status]')).startsWith('X:'));
  step('a post address pasted alone on its line is announced as an embed');

  // The network drops while the reporter types: every word reaches the server once it returns.
  await page.click(`${area} p`);
  await page.keyboard.press('End');
  await waitFor('the autosave before going offline', async () => (await storedBody(first.context, editUrl)).includes('youtube.com'));
  await first.setOffline(true);
  await page.keyboard.type(' وقال التجار إن البضائع وصلت من حلب.');
  const offlineNote = await page.getAttribute('[data-autosave-status]', 'data-offline');
  await waitFor('the offline note', async () => (await text(page, '[data-autosave-status]')).includes(offlineNote));
  await new Promise((r) => setTimeout(r, 3000));
  await first.setOffline(false);
  await waitFor('every word on the server', async () => (await storedBody(first.context, editUrl)).includes('البضائع وصلت من حلب.'));
  step('words typed offline reached the server once the network returned');

  // A second editor saves the same story in another browser; the reporter's save is refused
  // with both versions shown, and nothing of either is lost.
  const second = await writer(secondEmail);
  await second.page.goto(editUrl);
  await second.page.waitForSelector(`${area} h2`);
  await second.page.click(`${area} h2`);
  await second.page.keyboard.press('End');
  await second.page.keyboard.type(' منذ الحريق');
  await Promise.all([second.page.waitForURL(/saved=1/), second.page.click('button[value=save]')]);
  first.refused = true;
  await page.click(`${area} p`);
  await page.keyboard.press('End');
  await page.keyboard.type(' وعادت الكهرباء ظهرًا.');
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${base}/admin/posts/${postId}`),
    page.click('button[value=save]'),
  ]);
  if (refused.status() !== 409) fail(`the reporter's save over the newer one answered ${refused.status()}`);
  const versions = await text(page, 'section.conflict');
  if (!versions.includes('ما الذي تغيّر منذ الحريق') || !versions.includes('وعادت الكهرباء ظهرًا.')) fail(`both versions are not shown: ${versions}`);
  if (!(await storedBody(first.context, editUrl)).includes('منذ الحريق')) fail("the second editor's save was overwritten");
  await page.waitForSelector(`${area} h2`);
  if (!(await text(page, area)).includes('وعادت الكهرباء ظهرًا.')) fail("the reporter's words left the editor");
  step("the second save was refused with both versions shown, the reporter's words kept");

  first.refused = false;

  // Having read both, the reporter takes the colleague's heading and publishes.
  await page.click(`${area} h2`);
  await page.keyboard.press('End');
  await page.keyboard.type(' منذ الحريق');
  await page.selectOption('#status', 'published');
  await Promise.all([page.waitForURL(/\/admin\/posts\/\d+\/edit\?saved=1/), page.click('button[value=save]')]);
  const publicPath = await page.getAttribute('[data-public-url]', 'href');
  step(`published at ${publicPath}`);

  // A correction, from the editor's link to the post's notes.
  await Promise.all([page.waitForURL(`${base}/admin/posts/${postId}/notes`), page.click('[data-notes-link]')]);
  await page.selectOption('#kind', 'correction');
  await page.selectOption('#placement', 'top');
  await page.fill('#body', 'عاد السوق صباح الأحد لا السبت كما ورد سابقًا.');
  await Promise.all([page.waitForNavigation(), page.click('form.notes button')]);
  if (!(await page.textContent('main')).includes('عاد السوق صباح الأحد')) fail('the correction is not listed');
  step('added a correction');

  // What a reader, a feed reader and a search engine see.
  const reader = await browser.newContext({ viewport: { width: 412, height: 915 }, javaScriptEnabled: false });
  const post = await reader.newPage();
  const response = await post.goto(`${base}${publicPath}`);
  if (response.status() !== 200) fail(`the public page answered ${response.status()}`);
  const shown = await post.evaluate(() => {
    const found = [];
    let ld = null;
    const walk = (v) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        if (v['@type'] === 'ImageObject') found.push(v);
        Object.values(v).forEach(walk);
      }
    };
    document.querySelectorAll('script[type="application/ld+json"]').forEach((s) => {
      ld = JSON.parse(s.textContent);
      walk(ld);
    });
    const article = document.querySelector('article');
    return {
      html: article.innerHTML,
      figures: [...article.querySelectorAll('figure:not(.cover):not(.embed)')].map((f) => [
        f.querySelector('figcaption')?.firstChild?.textContent.trim(), f.querySelector('figcaption small')?.textContent]),
      cover: document.querySelector('figure.cover img')?.getAttribute('src'),
      embed: !!article.querySelector('figure.embed-youtube'),
      x: !!article.querySelector('figure.embed-x'),
      note: article.querySelector('.note-correction')?.textContent,
      images: found,
      corrections: (ld && ld.correction) || [],
    };
  });
  const figures = JSON.stringify(shown.figures);
  if (!figures.includes('["السوق صباح إعادة الافتتاح","تصوير: سلمى"]') || !figures.includes('["السوق بعد الحريق بيوم","أرشيف منبج اليوم"]')) {
    fail(`captions and credits on the page: ${figures}`);
  }
  if (!shown.cover?.includes(hash(market))) fail(`the cover: ${shown.cover}`);
  if (!shown.embed || !shown.x) fail('no YouTube or X placeholder on the page');
  if (!shown.note?.includes('عاد السوق صباح الأحد')) fail(`the correction on the page: ${shown.note}`);
  if (!shown.images.some((i) => i.caption === 'السوق صباح إعادة الافتتاح' && i.creditText === 'تصوير: سلمى')) {
    fail(`no ImageObject with the credit: ${JSON.stringify(shown.images)}`);
  }
  if (!shown.corrections.some((c) => c['@type'] === 'CorrectionComment' && c.text === 'عاد السوق صباح الأحد لا السبت كما ورد سابقًا.')) {
    fail(`no CorrectionComment in the JSON-LD: ${JSON.stringify(shown.corrections)}`);
  }
  step('the page shows both captions and credits, the cover, the embed and the correction; the JSON-LD has the credit and the correction');

  const feed = await (await reader.request.get(`${base}/feeds/posts/default`)).text();
  const entry = feed.split('<entry>').find((e) => e.includes('سوق منبج يعود بعد الحريق')) || '';
  for (const part of ['السوق صباح إعادة الافتتاح', 'تصوير: سلمى', 'أرشيف منبج اليوم', 'عاد السوق صباح الأحد لا السبت كما ورد سابقًا.']) {
    if (!entry.includes(part)) fail(`the Atom entry lacks ${part}: ${entry.slice(0, 2000)}`);
  }
  step('the Atom entry carries the captions, the credits and the correction');

  if (errors.length) fail(`browser errors: ${errors.join('; ')}`);
  console.log('all steps passed');
} finally {
  await browser.close();
}
