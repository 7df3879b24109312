// A hostile corpus in a real browser (Debian's Chromium through playwright-core). Every string of
// the plan is sent by Chromium itself, from a page of the site, through the doors a stranger
// uses: the comment form (name, e-mail, body), the search box, the sign-in form and the upload
// form's file name; and the pages the JSON API and an import wrote are fetched. Each answer's
// exact bytes are then parsed and run by Chromium in a frame of the site's page, under the site's
// own Content-Security-Policy, ten answers to a frame (a navigation per answer would take the
// test past its time on two cores); the comment threads are opened by real navigations.
//
// A failure: any dialog, page error, script the policy had to stop, request for a `__pwned`
// address, 5xx answer, or markup in an answer that could run a script (a foreign `<script>`, an
// `on…` attribute, a `javascript:` address, a frame or a `<base>`). What each answer read back is
// written to the results file for tests/it/hostile.rs to judge against the documented
// neutralization. Run by tests/it/hostile.rs with the plan file and the results file to write.
import { launch } from './lib.mjs';
import { readFileSync, writeFileSync } from 'node:fs';

const [planFile, resultsFile] = process.argv.slice(2);
const plan = JSON.parse(readFileSync(planFile, 'utf8'));
const cases = plan.cases;
const failures = [];
const results = {
  comments: [], commentReads: [], search: [], signin: [], uploads: [], posts: [], approved: 0,
  failures, timings: {},
};
const BATCH = 20;

// Nothing a payload names may leave the machine.
const browser = await launch(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1']);

// Runs in the site's page: writes answers into a frame (inheriting the page's policy), one
// section each, and lists what in each could run a script.
const helpers = () => {
  window.hostile = {
    frame() {
      let frame = document.querySelector('iframe[data-hostile]');
      if (!frame) {
        frame = document.createElement('iframe');
        frame.dataset.hostile = '';
        // Parsed and run, not painted: drawing thousands of pages is not what is tested.
        frame.style.display = 'none';
        document.body.append(frame);
      }
      return frame.contentDocument;
    },
    render(htmls) {
      const doc = this.frame();
      doc.open();
      doc.write(htmls.map((html, n) => `<section data-n="${n}">${html}</section>`).join(''));
      doc.close();
      return [...Array(htmls.length).keys()].map((n) => doc.querySelector(`section[data-n="${n}"]`));
    },
    // Each door: how Chromium sends one string through it from the site's page (the answer's
    // page kept as `html` when there is one to show), and what to read from that page.
    doors: {
      search: {
        send: async ({ s }) => {
          const response = await fetch(`/search?${new URLSearchParams({ q: s })}`);
          return { status: response.status, sent: s, html: await response.text() };
        },
        read: (section) => ({
          echo: section.querySelector('#search-q')?.getAttribute('value') ?? null,
          heading: section.querySelector('h1')?.textContent ?? null,
        }),
      },
      signin: {
        send: async ({ s }) => {
          const form = document.querySelector('form.signin');
          form.elements.email.value = s;
          form.elements.password.value = s;
          const fields = new FormData(form);
          const response = await fetch(form.action, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
          return { status: response.status, sent: fields.get('email'), html: await response.text() };
        },
        read: (section) => ({ echo: section.querySelector('#email')?.getAttribute('value') ?? null }),
      },
      upload: {
        send: async ({ s, image }) => {
          const form = document.querySelector('form.upload');
          const bytes = Uint8Array.from(atob(image), (c) => c.charCodeAt(0));
          const fields = new FormData();
          fields.append('csrf', form.elements.csrf.value);
          fields.append('file', new File([bytes], s, { type: 'image/png' }));
          const response = await fetch(form.action, { method: 'POST', body: fields, redirect: 'manual' });
          if (response.type === 'opaqueredirect') return { status: 303 };
          return { status: response.status, html: await response.text() };
        },
        read: (section) => ({ error: section.querySelector('.form-error')?.textContent ?? null }),
      },
      post: {
        send: async ({ path }) => {
          const response = await fetch(path);
          return { status: response.status, html: await response.text() };
        },
        read: (section) => ({
          title: section.querySelector('article h1')?.textContent ?? null,
          labels: [...section.querySelectorAll('nav.labels a')].map((a) => a.textContent),
        }),
      },
      comment: {
        send: async ({ post, from, fields }) => {
          const form = document.querySelector('#comment-form');
          for (const name of ['name', 'email', 'body']) form.elements[name].value = fields[name] ?? '';
          const sent = new FormData(form);
          const response = await fetch(post, {
            method: 'POST', body: new URLSearchParams(sent), redirect: 'manual', headers: { 'x-forwarded-for': from },
          });
          const answer = { accepted: response.type === 'opaqueredirect', sent: Object.fromEntries(sent) };
          if (answer.accepted) return { ...answer, status: 303 };
          return { ...answer, status: response.status, html: await response.text() };
        },
        read: (section) => ({
          name: section.querySelector('#comment-name')?.getAttribute('value') ?? null,
          email: section.querySelector('#comment-email')?.getAttribute('value') ?? null,
          body: section.querySelector('#comment-body')?.defaultValue ?? null,
          error: section.querySelector('.form-error')?.textContent.trim() ?? null,
        }),
      },
    },
    dangers(root) {
      const found = [];
      for (const el of root.querySelectorAll('*')) {
        const tag = el.localName;
        if (tag === 'script' && el.type !== 'application/ld+json'
          && !/^\/static\/[a-z]+\.js(\?|$)/.test(el.getAttribute('src') || '')) found.push(el.outerHTML);
        if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal'].includes(tag)) found.push(el.outerHTML);
        if (tag === 'meta' && el.hasAttribute('http-equiv')) found.push(el.outerHTML);
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) found.push(`${tag} ${a.name}=${a.value}`);
          // An address is judged as the browser reads it: `javascript\x0D:` is a relative path.
          if (/^(href|src|action|formaction|data|xlink:href)$/i.test(a.name)) {
            let scheme = null;
            try { scheme = new URL(a.value, document.baseURI).protocol; } catch { /* not an address */ }
            const opened = ['a', 'area', 'form', 'button', 'input'].includes(tag) || /action$/i.test(a.name);
            if (scheme === 'javascript:' || scheme === 'vbscript:' || (scheme === 'data:' && opened)) {
              found.push(`${tag} ${a.name}=${a.value}`);
            }
          }
          if (a.name === 'srcdoc') found.push(`${tag} srcdoc`);
        }
      }
      return found.slice(0, 5);
    },
  };
};

// A page on the site that reports everything a hostile string could make happen.
async function open(lane, context) {
  const page = await (context || await browser.newContext()).newPage();
  await page.addInitScript(helpers);
  const fail = (kind, detail) => failures.push({ lane, kind, url: page.url(), detail });
  page.on('dialog', (d) => {
    fail('dialog', `${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => fail('pageerror', e.message));
  page.on('console', (m) => {
    // The policy stopping a script means markup got through that should not have.
    if (/Content Security Policy/.test(m.text()) && /script-src|default-src/.test(m.text())) fail('csp', m.text());
  });
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.includes('__pwned')) fail('request', r.url());
  });
  page.on('response', (r) => {
    if (r.status() >= 500) fail('5xx', `${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.report = (danger, detail) => fail('markup', `${detail}: ${danger.join(' | ')}`);
  return page;
}

// Sends each of `items` through the door `kind` (run in the page; a batch at once when the order
// does not matter), renders the answers that came back as pages, twenty to a frame, and reads
// each on its section.
async function through(page, items, kind, { together = false } = {}) {
  const out = [];
  for (let start = 0; start < items.length; start += BATCH) {
    const batch = items.slice(start, start + BATCH);
    const answers = await page.evaluate(async ([batch, kind, together]) => {
      const { send: sendOne, read: readOne } = window.hostile.doors[kind];
      const sent = [];
      if (together) sent.push(...await Promise.all(batch.map(sendOne)));
      else for (const item of batch) sent.push(await sendOne(item));
      const pages = sent.filter((s) => s.html !== undefined);
      const sections = window.hostile.render(pages.map((s) => s.html));
      pages.forEach((s, n) => {
        s.read = readOne(sections[n]);
        s.dangers = window.hostile.dangers(sections[n]);
        delete s.html;
      });
      return sent;
    }, [batch, kind, together]);
    for (const [n, answer] of answers.entries()) {
      if (answer.dangers?.length) page.report(answer.dangers, [...JSON.stringify(batch[n])].slice(0, 200).join(''));
      out.push({ ...batch[n], ...answer });
    }
  }
  return out;
}

// Search: each string as the query the search box sends; the answer echoes it in the box and
// the heading, and lists the hostile titles the API and the import wrote.
async function searchLane() {
  const page = await open('search');
  await page.goto(`${plan.main}/search`);
  const answers = await through(page, cases.map((s, i) => ({ case: i, s })), 'search', { together: true });
  for (const a of answers) results.search.push({ case: a.case, status: a.status, sent: a.sent, ...a.read });
  await page.context().close();
}

// Sign-in: each string as the e-mail and the password, through the form's own fields. The
// failures soon throttle the address, which is the point: that answer echoes the e-mail too.
async function signInLane() {
  const page = await open('sign-in');
  await page.goto(`${plan.main}/admin/login`);
  const answers = await through(page, cases.map((s, i) => ({ case: i, s })), 'signin', { together: true });
  for (const a of answers) results.signin.push({ case: a.case, status: a.status, sent: a.sent, ...a.read });
  await page.context().close();
}

// Uploads: the same small image under each string as its file name, sent as the upload form
// sends it (Chromium writes the multipart body and escapes the name).
async function uploadLane(context) {
  const page = await open('upload', context);
  await page.goto(`${plan.main}/admin/media`);
  const image = readFileSync(plan.image).toString('base64');
  const answers = await through(page, cases.map((s, i) => ({ case: i, s, image })), 'upload', { together: true });
  for (const a of answers) results.uploads.push({ case: a.case, status: a.status, error: a.read?.error });
  // The list of uploads, opened for real.
  await page.goto(`${plan.main}/admin/media`);
  const dangers = await page.evaluate(() => window.hostile.dangers(document));
  if (dangers.length) page.report(dangers, 'media page');
  await page.context().close();
}

// The posts the API and the import wrote: title and labels as shown.
async function postsLane(posts) {
  const page = await open('posts');
  await page.goto(`${plan.main}/`);
  const answers = await through(page, posts, 'post', { together: true });
  for (const a of answers) results.posts.push({ index: a.index, kind: a.kind, case: a.case, status: a.status, ...a.read });
  await page.context().close();
}

// Comments: one lane per comment site, each comment from its own address (the site trusts the
// loopback proxy's X-Forwarded-For, so the per-address limit is not what is tested). Each string
// goes as name and body; if refused, as the name alone and as the body alone; then as the e-mail
// (with the string as body). A refused comment's form comes back filled.
async function commentLane(siteIndex, site) {
  const page = await open(`comments ${siteIndex}`);
  const sites = plan.commentSites.length;
  await page.goto(`${site.base}${site.posts[0]}`);
  // The site refuses a comment sent sooner than a person could write one.
  await page.waitForTimeout(2100);
  let address = 0;
  const comment = (i, variant, fields) => {
    address += 1;
    // The e-mail cases go to a post of their own: their bodies are not duplicates of the first
    // comments, and their refusals come back without a long thread.
    const post = variant === 'email' ? site.mailbox : site.posts[Math.floor(i / sites) % site.posts.length];
    return {
      case: i, variant, site: siteIndex, post,
      from: `10.${siteIndex}.${(address >> 8) & 255}.${address & 255}`, fields,
    };
  };
  const send = async (items) => {
    const answers = await through(page, items, 'comment');
    for (const a of answers) {
      results.comments.push({
        case: a.case, variant: a.variant, site: a.site, post: a.post, status: a.status,
        accepted: a.accepted, sent: a.sent, echo: a.read,
      });
    }
    return answers;
  };
  const mine = cases.map((s, i) => [s, i]).filter(([, i]) => i % sites === siteIndex);
  const first = await send(mine.map(([s, i]) => comment(i, 'name+body', { name: s, body: s })));
  const refused = first.filter((a) => !a.accepted).map((a) => a.case);
  await send(refused.flatMap((i) => [
    comment(i, 'name', { name: cases[i], body: `تعليق رقم ${i}` }),
    comment(i, 'body', { name: `قارئ ${i}`, body: cases[i] }),
  ]));
  await send(mine.map(([s, i]) => comment(i, 'email', { name: `قارئ البريد ${i}`, email: s, body: s })));
  await page.context().close();
}

// What a comment site held back (as spam) is approved through the API; then every post's
// thread is opened for real and read as Chromium shows it.
async function readComments(siteIndex, site) {
  const api = async (path, method = 'GET') => {
    const r = await fetch(`${site.base}${path}`, { method, headers: { authorization: `Bearer ${site.token}` } });
    if (r.status >= 500) failures.push({ lane: 'approve', kind: '5xx', url: path, detail: r.status });
    // Approving answers 204 with no body; only the list is JSON.
    return method === 'GET' ? r.json() : null;
  };
  for (const status of ['spam', 'pending']) {
    for (const comment of await api(`/api/v1/comments?status=${status}`)) {
      await api(`/api/v1/comments/${comment.id}/approve`, 'POST');
      results.approved += 1;
    }
  }
  const page = await open(`threads ${siteIndex}`);
  for (const post of [...site.posts, site.mailbox]) {
    await page.goto(`${site.base}${post}`);
    const dangers = await page.evaluate(() => window.hostile.dangers(document));
    if (dangers.length) page.report(dangers, `thread ${post}`);
    const shown = await page.$$eval('li.comment', (items) => items.map((li) => ({
      id: Number(li.id.replace('comment-', '')),
      name: li.querySelector('.comment-meta bdi')?.textContent ?? null,
      body: li.querySelector('.comment-body')?.textContent ?? null,
    })));
    for (const c of shown) results.commentReads.push({ site: siteIndex, post, ...c });
  }
  await page.context().close();
}

// The harness itself must see a planted script: a page of the site given an inline handler and
// a `javascript:` link, both of which it has to report.
async function canary() {
  const page = await open('canary');
  await page.goto(`${plan.main}/search`);
  const before = failures.length;
  const dangers = await page.evaluate(() => {
    const [section] = window.hostile.render(['<img src=x onerror="alert(1)"><a href=" javascript:alert(2)">x</a>']);
    return window.hostile.dangers(section);
  });
  await page.waitForTimeout(500);
  const caught = failures.splice(before).map((f) => f.kind);
  if (dangers.length !== 2 || !caught.includes('csp')) {
    failures.push({ lane: 'canary', kind: 'harness', detail: `a planted script went unseen: ${dangers} ${caught}` });
  }
  await page.context().close();
}

const timed = (name, work) => async () => {
  const started = Date.now();
  await work();
  results.timings[name] = Date.now() - started;
};

try {
  // The editor signs in first: the sign-in lane's failures soon throttle this address.
  const editor = await browser.newContext();
  const signIn = await editor.newPage();
  await signIn.goto(`${plan.main}/admin/login`);
  await signIn.fill('#email', plan.editor.email);
  await signIn.fill('#password', plan.editor.password);
  await Promise.all([signIn.waitForURL(`${plan.main}/admin/`), signIn.click('form.signin button')]);
  await signIn.close();
  await canary();

  await Promise.all([
    timed('comments', async () => {
      await Promise.all(plan.commentSites.map((site, n) => commentLane(n, site)));
      await Promise.all(plan.commentSites.map((site, n) => readComments(n, site)));
    })(),
    timed('search', searchLane)(),
    timed('sign-in', signInLane)(),
    timed('upload', () => uploadLane(editor))(),
    timed('posts', () => Promise.all([
      postsLane(plan.posts.filter((p) => p.kind === 'api')),
      postsLane(plan.posts.filter((p) => p.kind === 'import')),
    ]))(),
  ]);
} finally {
  // JSON for serde: a string cut in a surrogate pair is mended.
  writeFileSync(resultsFile, JSON.stringify(results, (_, v) => (typeof v === 'string' ? v.toWellFormed() : v)));
  await browser.close();
}
console.log(`failures: ${failures.length}`);
for (const f of failures.slice(0, 40)) console.log(`FAIL ${f.lane} ${f.kind} ${f.url} ${f.detail}`);
console.log(`timings: ${JSON.stringify(results.timings)}`);
console.log(failures.length ? 'failed' : 'all steps passed');
process.exit(failures.length ? 1 : 0);
