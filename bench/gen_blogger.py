#!/usr/bin/env python3
"""Writes a large synthetic Blogger classic export ("Back up content") for the import benchmark.

    python3 bench/gen_blogger.py OUT.xml --posts 10000 --comments 100000 [--seed 1]

The file has the shape `minbar import blogger` reads (crates/import/src/blogger.rs): an Atom
<feed> whose entries are typed by their `kind` category; posts carry their old address in
<link rel='alternate' type='text/html'>, labels as categories of scheme
http://www.blogger.com/atom/ns#, drafts an <app:control><app:draft>yes</app:draft>; comments name
their post with <thr:in-reply-to ref=...> and, when they answer another comment, that comment with
<link rel='related' href='.../comments/default/PARENT_ID'> (the importer keeps only the last path
segment of that href). The rest of each entry (edit/self/replies links, author uri and gd:image,
thr:total, gd:extendedProperty) is written too, because real exports carry it and the parser has
to read through it.

All the Arabic text is composed here from the word lists below, so the file carries no outside
text. The same seed gives the same bytes. Entries are written as they are made; what stays in
memory is a few values per post and the set of ids handed out, never the document. `--posts` counts live posts; drafts and
pages come on top of it.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from xml.sax.saxutils import escape

# --- Words --------------------------------------------------------------------------------------
# Modern Standard Arabic words of local news. Nouns are written without the article; the composer
# adds "ال" where the phrase needs it. A noun ending in ة is taken as feminine, which decides the
# form of its adjective and of a verb it is the subject of.

SINGULAR_NOUNS = """
مدينة مجلس مدرسة مستشفى طريق جسر سوق حي قرية بلدية حكومة وزارة لجنة مشروع خطة ميزانية
خبز وقود محصول قمح زيتون نهر بئر شبكة نظافة حديقة ملعب مكتبة جامعة اجتماع مؤتمر ندوة
مهرجان معرض تقرير بيان مصدر مسؤول رئيس شارع ساحة مركز مكتب محطة مولدة حافلة صحة تعليم
ثقافة رياضة فريق مباراة بطولة صحيفة إذاعة قانون محكمة شرطة حريق فيضان منظمة لقاح حملة
صيانة إصلاح تعاون مستقبل إدارة دائرة موسم مخبز صيدلية عيادة قناة سد كتاب طقس مياه كهرباء
""".split()

PLURAL_NOUNS = """
سكان أسعار طلاب معلمين أطباء مرضى عمال مزارعين أمطار خدمات امتحانات نتائج أهالي شباب نساء
أطفال عائلات منازل تجار محلات رواتب انتخابات متطوعين مساعدات تحديات مواطنين
""".split()

ALL_NOUNS = SINGULAR_NOUNS + PLURAL_NOUNS

# Nouns that can act: the subjects of the verbs.
AGENTS = """
مجلس بلدية لجنة وزارة مسؤول رئيس منظمة مدرسة فريق إدارة دائرة جامعة محكمة شرطة أهالي
""".split()

# Verbal nouns that open a headline ("افتتاح مدرسة ...").
MASDARS = """
افتتاح إطلاق توزيع صيانة إصلاح ارتفاع انخفاض عودة انقطاع تأجيل بدء انتهاء تنظيم استئناف
""".split()

VERBS = """
أعلن أكد قال أوضح أشار افتتح ناقش بحث طالب قرر أطلق نظم استقبل زار شارك دعا حذر باشر أنهى
استأنف وزع رفع خفض شهد تابع اختتم تسلم أصدر بدأ أجرى
""".split()

ADJECTIVES = """
جديد كبير صغير محلي عام رئيسي قديم واسع شعبي رسمي مشترك سنوي عاجل ضروري مهم طبي زراعي
اقتصادي اجتماعي ثقافي إضافي مجاني حكومي خاص
""".split()

PREPOSITIONS = "في من إلى على حول بعد قبل خلال مع بين عند منذ نحو لدى ضمن".split()
DIRECTIONS = "الشرقي الغربي الشمالي الجنوبي".split()
AREAS = "حي ريف قسم سوق طريق".split()
WEEKDAYS = "الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت".split()
DAY_PARTS = "صباح ظهر مساء".split()
# How a sentence may open before its verb.
OPENERS = ["", "", "", "و", "كما ", "من جهته، ", "وفي السياق ذاته، ", "إلى ذلك، "]

MONTHS = "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر".split()

LABELS = [
    "أخبار محلية", "اقتصاد", "تعليم", "صحة", "ثقافة", "رياضة", "خدمات", "زراعة",
    "مياه وكهرباء", "طقس", "نقل ومواصلات", "مجتمع", "شباب", "المرأة", "أطفال", "بيئة", "تقارير",
    "حوارات", "آراء", "صور", "فيديو", "إعلانات", "وظائف", "أسعار", "بلديات", "قضاء", "أمن",
    "فنون", "تراث", "منوعات",
]

MALE_NAMES = """
أحمد محمد خالد عمر علي حسن يوسف إبراهيم سامر فادي رامي مصطفى عبدالله طارق وليد
""".split()
FEMALE_NAMES = "فاطمة مريم سارة ليلى نور هبة رنا سلمى زينب آمنة هدى ريم".split()
FAMILIES = "العلي الأحمد الحسن الخطيب الشامي النجار الحداد العمر السيد الحلبي الخليل الزين".split()

PAGE_TITLES = ["من نحن", "اتصل بنا", "سياسة النشر", "أعلن معنا", "فريق التحرير"]

BLOG_NAME = "أخبار المدينة"
BLOG_DESCRIPTION = "موقع إخباري محلي يتابع شؤون المدينة وريفها: الخدمات والتعليم والصحة والاقتصاد."
HOST = "akhbar-almadina.blogspot.com"

KIND = "http://schemas.google.com/g/2005#kind"
KIND_TERM = "http://schemas.google.com/blogger/2008/kind#"
LABEL_SCHEME = "http://www.blogger.com/atom/ns#"
THUMBNAIL = (
    "<gd:image rel='http://schemas.google.com/g/2005#thumbnail' width='16' height='16'"
    " src='https://img1.blogblog.com/img/b16-rounded.gif'/>"
)

# The blog's clock: Blogger writes times in the blog's zone, and the month of an old address is
# the month there.
ZONE = dt.timezone(dt.timedelta(hours=3))
START = int(dt.datetime(2015, 1, 1, tzinfo=ZONE).timestamp())
END = int(dt.datetime(2025, 1, 1, tzinfo=ZONE).timestamp())


def cumulative(weights):
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def attr(value):
    """An attribute value for single quotes."""
    return escape(value, {"'": "&apos;"})


def stamp(ms):
    """Blogger's time format, `2018-01-09T22:14:00.000+03:00`, from milliseconds since 1970."""
    moment = dt.datetime.fromtimestamp(ms // 1000, ZONE)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + ".%03d+03:00" % (ms % 1000)


def display_time(ms):
    moment = dt.datetime.fromtimestamp(ms // 1000, ZONE)
    return "%d %s %d %02d:%02d" % (
        moment.day, MONTHS[moment.month - 1], moment.year, moment.hour, moment.minute)


class Composer:
    """Makes Arabic phrases, sentences, titles and bodies from the word lists, with one rng."""

    def __init__(self, rng, photos=False):
        self.rng = rng
        self.photos = photos
        # Labels are used unequally, as on real blogs: a few are common, most are rare.
        # (Cumulative weights, so that choices() does not add them up again on every call.)
        self.label_weights = cumulative([1.0 / (rank + 1) ** 0.8 for rank in range(len(LABELS))])

    def definite(self, noun):
        return "ال" + noun

    def adjective(self, noun, definite):
        word = self.rng.choice(ADJECTIVES)
        if noun.endswith("ة"):
            word += "ة"
        return "ال" + word if definite else word

    def noun_phrase(self, definite=True):
        r = self.rng.random()
        if r < 0.45:
            noun = self.rng.choice(SINGULAR_NOUNS)
            words = [self.definite(noun) if definite else noun]
            if self.rng.random() < 0.5:
                words.append(self.adjective(noun, definite))
            return " ".join(words)
        if r < 0.75:
            # A construct (إضافة): the first noun never takes the article.
            first = self.rng.choice(ALL_NOUNS)
            second = self.rng.choice(ALL_NOUNS)
            return first + " " + self.definite(second)
        if r < 0.9:
            noun = self.rng.choice(PLURAL_NOUNS)
            return self.definite(noun) if definite else noun
        area = self.rng.choice(AREAS)
        return self.definite(area) + " " + self.rng.choice(DIRECTIONS)

    def number(self):
        value = str(self.rng.choice([2, 3, 5, 7, 10, 12, 15, 20, 25, 40, 50, 100, 150, 300, 1200]))
        if self.rng.random() < 0.3:
            # Some newsrooms write Arabic-Indic digits; search and slugs must cope with both.
            value = value.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        return value

    def verb_for(self, subject):
        verb = self.rng.choice(VERBS)
        if subject.endswith("ة"):
            verb = verb[:-1] + "ت" if verb[-1] in "اى" else verb + "ت"
        return verb

    def sentence(self):
        agent = self.rng.choice(AGENTS)
        subject = self.definite(agent)
        if agent in SINGULAR_NOUNS and self.rng.random() < 0.3:
            subject += " " + self.adjective(agent, True)
        opener = self.rng.choice(OPENERS)
        words = [opener + self.verb_for(agent), subject, self.noun_phrase(definite=False)]
        for _ in range(self.rng.randint(1, 3)):
            words.append(self.rng.choice(PREPOSITIONS))
            if self.rng.random() < 0.12:
                words.append(self.number())
            words.append(self.noun_phrase())
        if self.rng.random() < 0.3:
            words.append(self.rng.choice(DAY_PARTS) + " يوم " + self.rng.choice(WEEKDAYS))
        return " ".join(words) + "."

    def title(self):
        target = self.rng.randint(4, 10)
        words = [self.rng.choice(MASDARS)]
        words.extend(self.noun_phrase(definite=False).split())
        while len(words) < target:
            words.append(self.rng.choice(PREPOSITIONS))
            words.extend(self.noun_phrase().split())
        words = words[:target]
        # A headline does not end on a preposition.
        if words[-1] in PREPOSITIONS:
            words[-1] = self.definite(self.rng.choice(SINGULAR_NOUNS))
        return " ".join(words)

    def labels(self):
        count = self.rng.choice([1, 1, 2, 2, 3])
        chosen = []
        while len(chosen) < count:
            label = self.rng.choices(LABELS, cum_weights=self.label_weights)[0]
            if label not in chosen:
                chosen.append(label)
        return chosen

    def body(self, links):
        """3–8 paragraphs, about 2–4 KB of HTML in UTF-8, with the odd bold phrase, link to an
        earlier post and picture, the way Blogger's editor writes them."""
        target = self.rng.randint(2048, 4096)
        paragraphs = self.rng.randint(3, 8)
        parts = []
        # With --images the pictures are the numbered photos main() puts in; none at random.
        if self.rng.random() < 0.3 and not self.photos:
            n = self.rng.randrange(1, 10**6)
            parts.append(
                '<div class="separator" style="clear: both; text-align: center;">'
                f'<a href="https://blogger.googleusercontent.com/img/b/bench/s1600/{n}.jpg">'
                f'<img border="0" height="240" width="320" '
                f'src="https://blogger.googleusercontent.com/img/b/bench/s320/{n}.jpg" /></a></div>')
            target -= len(parts[0])
        share = target // paragraphs - len("<p></p>")
        for _ in range(paragraphs):
            sentences = []
            size = 0
            # Sentences are whole, so a paragraph stops at the one that brings it nearest its share.
            while True:
                sentence = self.sentence()
                length = len(sentence.encode("utf-8")) + 1
                if sentences and size + length / 2 > share:
                    break
                sentences.append(sentence)
                size += length
            text = " ".join(sentences)
            r = self.rng.random()
            if r < 0.15:
                head, _, rest = text.partition(".")
                text = f"<b>{head}.</b>{rest}"
            elif r < 0.25 and links:
                # Ampersands in an href come out as &amp;amp; in the file: the double escape real
                # exports carry.
                url = self.rng.choice(links)
                text += f' <a href="{url}?m=1&amp;utm_source=blog">{self.noun_phrase()}</a>'
            parts.append(f"<p>{text}</p>")
        return "".join(parts)

    def comment_sentence(self):
        r = self.rng.random()
        if r < 0.25:
            return "شكرا على " + self.noun_phrase() + self.rng.choice([".", "!", " 👍"])
        if r < 0.45:
            return ("نتمنى أن يتم " + self.rng.choice(MASDARS) + " " + self.noun_phrase(False)
                    + " " + self.rng.choice(PREPOSITIONS) + " " + self.noun_phrase() + ".")
        if r < 0.65:
            return (self.rng.choice(["هل", "متى", "لماذا"]) + " سيتم "
                    + self.rng.choice(MASDARS) + " " + self.noun_phrase() + "؟")
        if r < 0.8:
            return ("نرجو من " + self.definite(self.rng.choice(AGENTS)) + " الاهتمام ب"
                    + self.definite(self.rng.choice(ALL_NOUNS)) + ".")
        return self.sentence()

    def comment(self):
        sentences = [self.comment_sentence() for _ in range(self.rng.randint(1, 3))]
        # Blogger keeps a reader's line breaks as <br />.
        return self.rng.choice([" ", "<br />"]).join(sentences), sentences[0]


class Ids:
    """Blogger-like 18–19 digit ids, never the same twice in one file."""

    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def new(self):
        while True:
            value = self.rng.randrange(10**17, 10**19)
            if value not in self.used:
                self.used.add(value)
                return str(value)


def people(rng, ids, count):
    """Readers who comment: (name, profile uri or None, item class). A few are anonymous."""
    pool = []
    for _ in range(count):
        r = rng.random()
        if r < 0.05:
            pool.append((rng.choice(["غير معروف", "Anonymous"]), None, "pid-" + ids.new()[:10]))
            continue
        if r < 0.45:
            name = rng.choice(MALE_NAMES + FEMALE_NAMES)
        elif r < 0.85:
            name = rng.choice(MALE_NAMES + FEMALE_NAMES) + " " + rng.choice(FAMILIES)
        else:
            name = rng.choice(["أبو ", "أم "]) + rng.choice(MALE_NAMES)
        pool.append((name, "https://www.blogger.com/profile/" + ids.new()[:20], "pid-" + ids.new()[:10]))
    return pool


def author_xml(name, uri):
    uri_xml = f"<uri>{escape(uri)}</uri>" if uri else ""
    return f"<author><name>{escape(name)}</name>{uri_xml}<email>noreply@blogger.com</email>{THUMBNAIL}</author>"


def share_out(total, weights):
    """Splits `total` in proportion to `weights` into whole numbers that add up to it exactly."""
    whole = sum(weights)
    quotas = [total * w / whole for w in weights]
    counts = [int(q) for q in quotas]
    left = total - sum(counts)
    by_fraction = sorted(range(len(weights)), key=lambda i: (counts[i] - quotas[i], i))
    for i in by_fraction[:left]:
        counts[i] += 1
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="where to write the export (written to OUT.part, then renamed)")
    parser.add_argument("--posts", type=int, default=10000, help="live posts (default 10000)")
    parser.add_argument("--comments", type=int, default=100000, help="comments, replies included")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--drafts", type=int, default=5, help="drafts on top of the posts")
    parser.add_argument("--pages", type=int, default=3, help="static pages (/p/...)")
    parser.add_argument("--replies", type=float, default=0.2, help="share of comments that answer another")
    parser.add_argument("--images", type=int, default=0,
                        help="distinct photos spread evenly over the live posts, each written as Blogger "
                             "does (a 320 px thumbnail linking to the 1600 px size) at --image-base")
    parser.add_argument("--image-base", default="https://blogger.googleusercontent.com",
                        help="where the --images photos are served (the benchmark's local server)")
    args = parser.parse_args()
    if args.posts < 1 and args.comments > 0:
        parser.error("comments need at least one post")

    began = time.monotonic()
    rng = random.Random(args.seed)
    ids = Ids(rng)
    text = Composer(rng, photos=args.images > 0)
    blog = ids.new()
    staff = [(rng.choice(MALE_NAMES + FEMALE_NAMES) + " " + rng.choice(FAMILIES),
              "https://www.blogger.com/profile/" + ids.new()) for _ in range(4)]
    readers = people(rng, ids, 600)
    # Some readers comment far more often than others.
    reader_weights = cumulative([1.0 / (i + 1) ** 0.7 for i in range(len(readers))])

    # Posts: publication times first, so the old addresses can be numbered within each month in
    # the order Blogger gave them (blog-post.html, then blog-post_1.html, ...; Arabic titles give
    # no Latin slug). Drafts have no address. Then the comment counts, skewed (Pareto shifted to
    # start at zero) so that a few posts draw hundreds of comments and many draw none.
    posts = []  # [published_ms, id, url or None, comment count]
    for _ in range(args.posts):
        posts.append([rng.randrange(START, END) // 60 * 60 * 1000, ids.new(), None, 0])
    posts.sort()
    per_month = {}
    for post in posts:
        month = dt.datetime.fromtimestamp(post[0] // 1000, ZONE).strftime("/%Y/%m/")
        n = per_month.get(month, 0)
        per_month[month] = n + 1
        post[2] = f"https://{HOST}{month}blog-post{'' if n == 0 else '_%d' % n}.html"
    weights = [rng.paretovariate(1.5) - 1 for _ in posts]
    for post, count in zip(posts, share_out(args.comments, weights) if posts else []):
        post[3] = count
    for _ in range(args.drafts):
        posts.append([rng.randrange(START, END) // 60 * 60 * 1000, ids.new(), None, 0])
    # Newest first, as Blogger's feeds list them.
    posts.sort(key=lambda p: -p[0])

    # Replies: the first comment on a post answers nothing; each later one answers an earlier
    # comment with the probability that makes the replies about the share asked for.
    candidates = sum(max(0, p[3] - 1) for p in posts)
    reply_chance = min(1.0, args.replies * args.comments / candidates) if candidates else 0.0

    written = {"posts": 0, "drafts": 0, "pages": 0, "settings": 0, "comments": 0, "replies": 0}
    labels_used = set()
    tmp = args.out + ".part"
    with open(tmp, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        now = stamp(END * 1000)
        out.write(
            "<?xml version='1.0' encoding='UTF-8'?>"
            "<?xml-stylesheet href=\"http://www.blogger.com/styles/atom.css\" type=\"text/css\"?>"
            "<feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/'"
            " xmlns:gd='http://schemas.google.com/g/2005' xmlns:thr='http://purl.org/syndication/thread/1.0'>"
            f"<id>tag:blogger.com,1999:blog-{blog}.archive</id><updated>{now}</updated>"
            f"<title type='text'>{escape(BLOG_NAME)}</title>"
            f"<link rel='http://schemas.google.com/g/2005#feed' type='application/atom+xml' href='https://www.blogger.com/feeds/{blog}/archive'/>"
            f"<link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/{blog}/archive'/>"
            f"<link rel='alternate' type='text/html' href='https://{HOST}/'/>"
            f"{author_xml(*staff[0])}"
            "<generator version='7.00' uri='http://www.blogger.com'>Blogger</generator>\n")

        # Settings: the importer takes the site's title and description from these two.
        created = stamp(START * 1000)
        for key, value, what in [("BLOG_NAME", BLOG_NAME, "اسم المدونة"),
                                 ("BLOG_DESCRIPTION", BLOG_DESCRIPTION, "وصف المدونة")]:
            out.write(
                f"<entry><id>tag:blogger.com,1999:blog-{blog}.settings.{key}</id>"
                f"<published>{created}</published><updated>{now}</updated>"
                f"<category scheme='{KIND}' term='{KIND_TERM}settings'/>"
                f"<title type='text'>{escape(what)}</title><content type='text'>{escape(value)}</content>"
                f"<link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/{blog}/settings/{key}'/>"
                f"<link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/{blog}/settings/{key}'/>"
                f"{author_xml(*staff[0])}</entry>\n")
            written["settings"] += 1

        for i in range(args.pages):
            page = ids.new()
            title = PAGE_TITLES[i % len(PAGE_TITLES)]
            if i >= len(PAGE_TITLES):
                title += " %d" % (i // len(PAGE_TITLES) + 1)
            url = f"https://{HOST}/p/blog-page{'' if i == 0 else '_%d' % i}.html"
            when = stamp((START + 86400 * (i + 1)) * 1000)
            html = "".join(f"<p>{text.sentence()}</p>" for _ in range(rng.randint(1, 3)))
            out.write(
                f"<entry><id>tag:blogger.com,1999:blog-{blog}.page-{page}</id>"
                f"<published>{when}</published><updated>{when}</updated>"
                f"<category scheme='{KIND}' term='{KIND_TERM}page'/>"
                f"<title type='text'>{escape(title)}</title><content type='html'>{escape(html)}</content>"
                f"<link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/{blog}/pages/default/{page}'/>"
                f"<link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/{blog}/pages/default/{page}'/>"
                f"<link rel='alternate' type='text/html' href='{url}' title='{attr(title)}'/>"
                f"{author_xml(*staff[0])}</entry>\n")
            written["pages"] += 1

        # Addresses of live posts, for links inside bodies (Blogger bodies often link older posts).
        links = [p[2] for p in posts if p[2]]
        live = sum(1 for p in posts if p[2])
        photo = 0
        for published, post, url, count in posts:
            title = text.title()
            labels = text.labels()
            labels_used.update(labels)
            html = text.body(links)
            # The numbered photos: as many to each live post as spreads them evenly.
            while url is not None and photo < args.images and photo * live < args.images * (written["posts"] + 1):
                photo += 1
                base = f"{args.image_base}/img/b/bench"
                html = (f'<div class="separator"><a href="{base}/s1600/{photo}.jpg">'
                        f'<img border="0" height="240" width="320" src="{base}/s320/{photo}.jpg" /></a></div>'
                        + html)
            # An edit now and then: updated is later than published.
            updated = published + (rng.randrange(60, 40 * 86400) * 1000 + rng.randrange(1000)
                                   if rng.random() < 0.3 else rng.randrange(1000))
            categories = "".join(f"<category scheme='{LABEL_SCHEME}' term='{attr(label)}'/>" for label in labels)
            author = staff[rng.randrange(len(staff))]
            parts = [
                f"<entry><id>tag:blogger.com,1999:blog-{blog}.post-{post}</id>"
                f"<published>{stamp(published)}</published><updated>{stamp(updated)}</updated>"
            ]
            if url is None:
                parts.append("<app:control xmlns:app='http://purl.org/atom/app#'><app:draft>yes</app:draft></app:control>")
            parts.append(
                f"<category scheme='{KIND}' term='{KIND_TERM}post'/>{categories}"
                f"<title type='text'>{escape(title)}</title><content type='html'>{escape(html)}</content>")
            if url is not None:
                parts.append(
                    f"<link rel='replies' type='application/atom+xml' href='https://{HOST}/feeds/{post}/comments/default' title='تعليقات الرسالة'/>"
                    f"<link rel='replies' type='text/html' href='{url}#comment-form' title='{count} تعليقات'/>")
            parts.append(
                f"<link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/{blog}/posts/default/{post}'/>"
                f"<link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/{blog}/posts/default/{post}'/>")
            if url is not None:
                parts.append(f"<link rel='alternate' type='text/html' href='{url}' title='{attr(title)}'/>")
            parts.append(f"{author_xml(*author)}<thr:total>{count}</thr:total></entry>\n")
            out.write("".join(parts))
            written["drafts" if url is None else "posts"] += 1

        # Comments, grouped by post (in the posts' order), oldest first within a post so that a
        # reply always follows, in time and in the file, the comment it answers. Gaps shrink on
        # busy posts so that their discussion still lasts weeks rather than years.
        for published, post, url, count in posts:
            if count == 0:
                continue
            mean_gap = min(12 * 3600, 45 * 86400 / count)
            when = published
            earlier = []
            for _ in range(count):
                when += int((rng.expovariate(1.0 / mean_gap) + 1) * 1000) + rng.randrange(1000)
                cid = ids.new()
                parent = earlier[rng.randrange(len(earlier))] if earlier and rng.random() < reply_chance else None
                name, uri, item_class = rng.choices(readers, cum_weights=reader_weights)[0]
                html, first = text.comment()
                head = first if len(first) <= 40 else first[:40].rsplit(" ", 1)[0] + "..."
                related = (
                    f"<link rel='related' type='application/atom+xml' href='https://www.blogger.com/feeds/{blog}/{post}/comments/default/{parent}'/>"
                    if parent else "")
                out.write(
                    f"<entry><id>tag:blogger.com,1999:blog-{blog}.post-{cid}</id>"
                    f"<published>{stamp(when)}</published><updated>{stamp(when)}</updated>"
                    f"<category scheme='{KIND}' term='{KIND_TERM}comment'/>"
                    f"<title type='text'>{escape(head)}</title><content type='html'>{escape(html)}</content>"
                    f"<link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/{blog}/{post}/comments/default/{cid}'/>"
                    f"<link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/{blog}/{post}/comments/default/{cid}'/>"
                    f"<link rel='alternate' type='text/html' href='{url}?showComment={when}#c{cid}' title=''/>"
                    f"{related}{author_xml(name, uri)}"
                    f"<thr:in-reply-to xmlns:thr='http://purl.org/syndication/thread/1.0' href='{url}'"
                    f" ref='tag:blogger.com,1999:blog-{blog}.post-{post}'"
                    f" source='https://www.blogger.com/feeds/{blog}/posts/default/{post}' type='text/html'/>"
                    f"<gd:extendedProperty name='blogger.itemClass' value='{item_class}'/>"
                    f"<gd:extendedProperty name='blogger.displayTime' value='{display_time(when)}'/></entry>\n")
                earlier.append(cid)
                written["comments"] += 1
                if parent:
                    written["replies"] += 1
        out.write("</feed>\n")
    os.replace(tmp, args.out)

    size = os.path.getsize(args.out)
    counts = sorted(p[3] for p in posts if p[2])
    print(f"wrote {args.out} (seed {args.seed}) in {time.monotonic() - began:.1f} s")
    print(f"  {written['posts']} posts, {written['drafts']} drafts, {written['pages']} pages, "
          f"{written['settings']} settings, {len(labels_used)} labels")
    print(f"  {written['comments']} comments, of which {written['replies']} replies; "
          f"{sum(1 for c in counts if c)} posts have comments, the median post {counts[len(counts) // 2] if counts else 0}, "
          f"the busiest {counts[-1] if counts else 0}")
    print(f"  size {size} bytes ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    sys.exit(main())
