# Central Kurdish (Sorani) messages: Arabic script, right to left. Plural forms follow CLDR
# (chosen by ICU4X, passed as `$count_plural`): one, other.
skip-to-content = بازبدە بۆ ناوەڕۆک
site-navigation = پەڕەکانی ماڵپەڕ
home = سەرەکی
featured-posts = بابەتە هەڵبژاردەکان
latest-posts = نوێترین بابەتەکان
no-posts = هێشتا هیچ بابەتێک نییە.
read-more = زیاتر بخوێنەوە
older-posts = بابەتە کۆنترەکان
newer-posts = بابەتە نوێترەکان
pagination = پەڕەکان
page-of = پەڕەی { $page } لە { $pages }
about-heading = دەربارەی { $site }
labels-heading = نیشانەکان
label-heading = بابەتەکانی نیشانەی { $label }
archive-heading = ئەرشیف: { $month }
published-on = بڵاوکراوەتەوە لە
by-author = نووسەر: { $author }
posts-count = { $count_plural ->
    [one] یەک بابەت
   *[other] { $count } بابەت
}
share-heading = ئەم بابەتە هاوبەش بکە
share-whatsapp = واتسئاپ
share-telegram = تێلیگرام
share-facebook = فەیسبووک
share-x = ئێکس
share-copy = بەستەرەکە لەبەربگرەوە
share-copied = بەستەرەکە لەبەرگیرایەوە
share-device = هاوبەشکردن…
comments-heading = لێدوانەکان
comments-count = { $count_plural ->
    [one] یەک لێدوان
   *[other] { $count } لێدوان
}
comments-tabs = سەرچاوەی لێدوانەکان
comments-tab-site = لێدوانەکانی ماڵپەڕ
comments-tab-facebook = لێدوانەکانی فەیسبووک
comments-none = یەکەم لێدوان بنووسە.
comment-form-heading = لێدوانێک بنووسە
comment-name = ناو
comment-email = ئیمەیڵ (ئارەزوومەندانە، هەرگیز پیشان نادرێت)
comment-body = لێدوان
comment-honeypot = ئەم خانەیە بەتاڵ جێبهێڵە
comment-submit = ناردنی لێدوان
comment-pending = سوپاس! لێدوانەکەت دوای پێداچوونەوەی دەستکاریکەرێک دەردەکەوێت.
comment-published = سوپاس! لێدوانەکەت بڵاوکرایەوە.
error-comment-empty = لێدوانەکە بەتاڵە: پێش ناردن شتێک بنووسە.
error-comment-too-long = لێدوانەکە لە { $max } پیت درێژترە: کورتی بکەرەوە و دووبارە بینێرەوە.
error-name-empty = پێش ناردن ناوت بنووسە.
error-name-too-long = ناوەکە لە { $max } پیت درێژترە.
error-email-invalid = ناونیشانی ئیمەیڵەکە دروست نییە.
error-404-title = پەڕەکە نەدۆزرایەوە
error-404-body = ئەوەی بەدوایدا دەگەڕایت نەماندۆزییەوە: لەوانەیە گوازرابێتەوە یان سڕابێتەوە.
error-403-title = داواکارییەکە ڕەتکرایەوە
error-403-body = ماوەی فۆرمەکە بەسەرچووە یان لە دەرەوەی ماڵپەڕەکەوە نێردراوە. پەڕەکە نوێ بکەرەوە و دووبارە هەوڵ بدەرەوە.
error-400-title = داواکاریی نادروست
error-400-body = نەتوانرا لە داواکارییەکە تێبگەین. پەڕەکە نوێ بکەرەوە و دووبارە هەوڵ بدەرەوە.
error-413-title = داواکارییەکە زۆر گەورەیە
error-413-body = ئەوەی ناردووتە لەوە گەورەترە کە ماڵپەڕەکە وەریدەگرێت. کورتی بکەرەوە و دووبارە هەوڵ بدەرەوە.
error-500-title = هەڵەیەک ڕوویدا
error-500-body = هەڵەیەک لە لای ئێمەوە ڕوویدا و تۆمار کرا. دوای کەمێک دووبارە هەوڵ بدەرەوە.
error-503-title = ماڵپەڕەکە ئامادە نییە
error-503-body = ماڵپەڕەکە هێشتا ڕێکنەخراوە. بەڕێوەبەری ڕاژەکار دەبێت فەرمانی minbar init جێبەجێ بکات.
error-unavailable-title = ماڵپەڕەکە بۆ چەند ساتێک سەرقاڵە
error-unavailable-body = ئێستا ناتوانین بگەینە بنکەدراوە. هیچ شتێک لەم داواکارییە پاشەکەوت نەکرا؛ دوای چەند چرکەیەک دووبارە هەوڵ بدەرەوە.
error-full-title = شوێن بۆ پاشەکەوتکردن نییە
error-full-body = دیسکی ڕاژەکار پڕ بووە، بۆیە ئەوەی ناردت پاشەکەوت نەکرا. بەڕێوەبەری ڕاژەکار لە تۆمارەکاندا ئاگادار کراوەتەوە؛ دواتر دووبارە هەوڵ بدەرەوە.
back-home = گەڕانەوە بۆ پەڕەی سەرەکی
powered-by = لەسەر مینبەر کار دەکات
search-title = گەڕان
search-heading = ئەنجامەکانی گەڕان بۆ «{ $query }»
search-label = لەم ماڵپەڕەدا بگەڕێ
search-button = گەڕان
search-hint = یەک وشە یان زیاتر بنووسە. بۆ دۆزینەوەی دەستەواژەیەک وەک خۆی، بیخە ناو "ئاوا"وە، و بۆ دەرهێنانی وشەیەک، - بخە پێشییەوە. هەمزە و حەرەکە گرنگ نین، هەروەها گرنگ نییە ک و ی و ە بە شێوەی عەرەبی نووسرابن یان کوردی.
search-count = { $count_plural ->
    [one] یەک ئەنجام
   *[other] { $count } ئەنجام
}
search-none = هیچ شتێک لەگەڵ گەڕانەکەت نەگونجا. وشەی کەمتر یان گشتیتر تاقی بکەرەوە.
search-truncated = گەڕانەکەت لەوە درێژتر بوو کە دەیخوێنینەوە، بۆیە تەنها بە یەکەم { $limit } پیتی گەڕاین.
previous-results = ئەنجامەکانی پێشوو
more-results = ئەنجامی زیاتر
admin-title = بەڕێوەبردن
admin-navigation = لیستی بەڕێوەبردن
admin-dashboard = تەختەی کۆنترۆڵ
admin-posts = بابەتەکان
admin-view-site = بینینی ماڵپەڕ
admin-filter = پاڵاوتن بەپێی دۆخ
admin-col-title = سەردێڕ
admin-col-status = دۆخ
admin-col-date = ڕێکەوت
admin-jobs = ئەرکەکانی پشتەوە
admin-job = ئەرک
admin-job-next = کارکردنی داهاتوو
admin-job-state = دۆخ
admin-job-ok = بێ هەڵە کاری کرد
admin-job-running = لەسەر { $node } کار دەکات
admin-job-failed = { $count_plural ->
    [one] یەک جار شکستی هێنا
   *[other] { $count } جار لە دوای یەک شکستی هێنا
}
job-publish-due = بڵاوکردنەوەی بابەتە خشتەبۆکراوەکان
job-forget-addresses = سڕینەوەی ناونیشانە کۆنەکانی لێدوانەران
job-purge = پاککردنەوەی بیرگە کاتییەکانی پێشەوە
admin-pending-comments = { $count_plural ->
    [one] یەک لێدوان چاوەڕێی پێداچوونەوەیە
   *[other] { $count } لێدوان چاوەڕێی پێداچوونەوەن
}
status-all = هەموو
status-draft = ڕەشنووس
status-published = بڵاوکراوە
role-admin = بەڕێوەبەر
role-editor = دەستکاریکەر
role-author = نووسەر
signin-title = چوونەژوورەوە
signin-email = ئیمەیڵ
signin-password = وشەی نهێنی
signin-button = چوونەژوورەوە
signin-failed = ئیمەیڵ یان وشەی نهێنی هەڵەیە.
signin-throttled = هەوڵی سەرنەکەوتووی زۆر درا. چارەکە سەعاتێک چاوەڕێ بکە و دووبارە هەوڵ بدەرەوە.
signout-button = چوونەدەرەوە
status-review = لە پێداچوونەوەدا
status-scheduled = خشتەبۆکراو
admin-new-post = بابەتی نوێ
editor-new-title = بابەتی نوێ
editor-edit-title = دەستکاریکردنی بابەت
editor-view-post = بینینی بابەتەکە لە ماڵپەڕدا
editor-field-title = سەردێڕ
editor-field-body = دەق (Markdown)
editor-field-body-html = دەق (HTML)
editor-field-labels = نیشانەکان (بە کۆما لێکیان جیا بکەرەوە)
editor-field-status = دۆخ
editor-field-publish-at = کاتی بڵاوکردنەوە ({ $zone })
editor-field-featured = بابەتی هەڵبژاردە
editor-save = پاشەکەوتکردن
editor-preview = پێشبینین
editor-preview-heading = پێشبینین
editor-revisions = وەشانە پێشووەکان
editor-restore = گەڕاندنەوە
editor-error-empty-title = سەردێڕەکە بەتاڵە.
editor-error-long-title = سەردێڕەکە لە 300 پیت درێژترە.
editor-error-empty-body = دەقەکە بەتاڵە.
admin-media = وێنەکان
media-title = وێنەکان
media-upload = بارکردنی وێنە
media-field-file = وێنە (JPEG، PNG، WebP یان GIF، تا { $max } مێگابایت)
media-upload-button = بارکردن
media-note = زانیاریی شوێن و کامێرا (EXIF، GPS، XMP، IPTC) پێش پاشەکەوتکردن لە هەموو وێنەیەک لادەبرێن.
media-copy-hint = ئەم دێڕە لەبەربگرەوە و بیخە ناو بابەتێکەوە:
media-none = هێشتا هیچ وێنەیەک نییە.
media-error-not-image = فایلەکە وێنەی JPEG، PNG، WebP یان GIF نییە.
media-error-too-large = فایلەکە لە ڕێگەپێدراو گەورەترە.
media-error-too-many-pixels = وێنەکە لەوە گەورەترە کە بتوانین بیکەینەوە.
media-error-damaged = وێنەکە نەخوێنرایەوە؛ لەوانەیە فایلەکە تێکچووبێت.
media-error-storage = وێنەکە پاشەکەوت نەکرا. دواتر دووبارە هەوڵ بدەرەوە.
media-error-full = دیسکی ڕاژەکار پڕ بووە، بۆیە وێنەکە پاشەکەوت نەکرا. بەڕێوەبەری ڕاژەکار ئاگادار بکەرەوە، و دوای بەتاڵکردنەوەی شوێن دووبارە هەوڵ بدەرەوە.
media-error-no-file = وێنەیەک بۆ بارکردن هەڵبژێرە.
admin-comments = لێدوانەکان
admin-settings = ڕێکخستنەکان
admin-users = بەکارهێنەران
comment-status-pending = چاوەڕوان
comment-status-published = بڵاوکراوە
comment-status-spam = ناخوازراو
moderate-approve = پەسەندکردن
moderate-spam = ناخوازراو
moderate-delete = سڕینەوە
comments-queue-empty = هیچ لێدوانێک لێرە نییە.
settings-title = ناوی ماڵپەڕ
settings-about = دەربارەی ماڵپەڕ
settings-locale = زمان و ناوچە
settings-moderation = چاودێریی لێدوانەکان
settings-outside = بەشی لێدوانە دەرەکییەکان
settings-base-url = ناونیشانی گشتی
moderation-open = یەکسەر پیشان دەدرێن
moderation-first-time = یەکەم لێدوانی هەر لێدوانەرێک چاوەڕێی پەسەندکردن دەکات
moderation-all = هەموو لێدوانێک چاوەڕێی پەسەندکردن دەکات
outside-none = هیچ
outside-facebook = فەیسبووک
settings-error-title = ناوی ماڵپەڕ بەتاڵە یان لە 120 پیت درێژترە.
settings-error-about = دەقی دەربارەی ماڵپەڕ لە 2000 پیت درێژترە.
settings-error-locale = ئەو زمانە پشتگیری ناکرێت.
settings-error-moderation = شێوازی چاودێری نەناسراوە.
settings-error-outside = دابینکەری لێدوان نەناسراوە.
settings-error-base-url = ناونیشانەکە دەبێت بە https:// یان http:// دەست پێ بکات.
users-name = ناو
users-email = ئیمەیڵ
users-role = ڕۆڵ
users-password = وشەی نهێنی (لانیکەم 10 پیت)
users-add = زیادکردنی بەکارهێنەر
users-add-button = زیادکردن
users-error-name = ناوەکە بەتاڵە یان لە 80 پیت درێژترە.
users-error-email = ناونیشانی ئیمەیڵەکە دروست نییە.
users-error-role = ڕۆڵی نەناسراو.
users-error-password = وشەی نهێنی لە 10 پیت کورتترە یان زۆر درێژە.
users-error-taken = بەکارهێنەرێک بەم ئیمەیڵە هەیە.
admin-tokens = کلیلەکانی API
tokens-intro = بۆ هەر بەرنامە یان سکریپتێک کە لە ڕێگەی /api/v1 بە ناوی تۆوە بڵاو دەکاتەوە، کلیلێک (ڕوونکردنەوەکەی لە /api/v1/openapi.json دایە).
tokens-name = ناوی کلیل
tokens-create = دروستکردنی کلیل
tokens-new = کلیلە نوێیەکەت. ئێستا لەبەری بگرەوە: جارێکی تر پیشان نادرێتەوە:
tokens-revoke = هەڵوەشاندنەوە
tokens-none = هێشتا هیچ کلیلێک نییە.
editor-restored-unsaved = ئەو دەقەی لێرە نووسیبووت و پاشەکەوتت نەکردبوو گەڕایەوە. بیپشکنە، پاشان پاشەکەوتی بکە.
admin-pages = پەڕەکان
pages-new = پەڕەی نوێ
pages-edit = دەستکاریکردنی پەڕە
pages-slug = ناو لە ناونیشاندا (ئارەزوومەندانە)
pages-error-slug-taken = پەڕەیەک بەم ناوە لە ناونیشانەکەیدا هەیە.
pages-none = هێشتا هیچ پەڕەیەک نییە.
settings-months = ناوی مانگەکان
settings-digits = ژمارەکان لە ڕێکەوتەکاندا
settings-facebook-app-id = ناسنامەی بەرنامەی فەیسبووک (ئارەزوومەندانە)
months-locale = بەپێی زمان و ناوچە
months-levantine = شامی (کانوونی دووەم، شوبات، ئازار)
months-egyptian = میسری (یەنایر، فەبرایر، مارس)
digits-latn = 0123456789
digits-arab = ٠١٢٣٤٥٦٧٨٩
settings-error-digits = جۆری ژمارەکان نەناسراوە.
settings-error-months = ناوی مانگەکان نەناسراون.
settings-error-app-id = ناسنامەی بەرنامە تەنها لە ژمارە پێک دێت.
admin-search-titles = گەڕان لە سەردێڕەکاندا
editor-field-excerpt = پوختە (ئارەزوومەندانە؛ ئەگەر بەتاڵ بێت لە دەقەکە وەردەگیرێت)
editor-field-cover = وێنەی بەرگ (دێڕی وێنەکە لە پەڕەی وێنەکانەوە بلکێنە)
editor-error-cover = وێنەی بەرگ یەکێک نییە لەو وێنانەی بۆ ماڵپەڕەکە بارکراون.
editor-error-excerpt = پوختەکە لە 300 پیت درێژترە.
editor-error-status = دۆخی بابەت نەناسراوە: ڕەشنووس، لە پێداچوونەوەدا، خشتەبۆکراو یان بڵاوکراوە.
editor-error-labels = بابەتێک ناتوانێت لە 50 نیشانە زیاتری هەبێت.
users-remove = سڕینەوەی هەژمار
users-error-last-admin = ماڵپەڕەکە دەبێت لانیکەم یەک بەڕێوەبەری هەبێت.
users-error-self = ناتوانیت ئەو هەژمارە بسڕیتەوە کە پێی چوویتەتە ژوورەوە.
feed-comment-title = لێدوانی { $author } لەسەر «{ $post }»
feed-comments-title = لێدوانەکانی { $site }
feed-post-comments-title = لێدوانەکان لەسەر «{ $post }»
comments-tab-telegram = گفتوگۆی تێلیگرام
comments-outside-notice-facebook = تا ئەم بەشە نەکەیتەوە، هیچ شتێک لە فەیسبووکەوە بار ناکرێت.
comments-outside-notice-telegram = تا ئەم بەشە نەکەیتەوە، هیچ شتێک لە تێلیگرامەوە بار ناکرێت.
comments-outside-link-telegram = گفتوگۆکە لە تێلیگرام بکەرەوە
comment-staff = دەستەی نووسەران
comment-edited = لەلایەن دەستکاریکەرانەوە دەستکاری کراوە
comment-reply = وەڵام
comment-reply-cancel = وازهێنان لە وەڵام
comment-replying-to = وەڵام بۆ { $name }
comments-pages = پەڕەکانی لێدوان
comments-earlier = لێدوانە کۆنترەکان
comments-later = لێدوانە نوێترەکان
comments-closed = لێدوان لەسەر ئەم بابەتە داخراوە.
comments-feed = شوێن لێدوانەکانی ئەم بابەتە بکەوە (Atom)
error-form-expired = ماوەی فۆرمەکە بەسەرچوو، یان وێبگەڕەکەت کووکییەکەی هەڵنەگرت. دەقەکەت لە خوارەوە پارێزراوە: کەمێک چاوەڕێ بکە و دووبارە بینێرەوە.
error-too-fast = لێدوانەکە خێراتر لەوە گەیشت کە مرۆڤ بتوانێت بینووسێت. کەمێک چاوەڕێ بکە و دووبارە بینێرەوە؛ دەقەکەت لە خوارەوە پارێزراوە.
error-banned = ئەم ماڵپەڕە لێدوان لە تۆڕەکەتەوە وەرناگرێت. ئەگەر پێت وایە ئەمە هەڵەیە، بۆ دەستکاریکەران بنووسە.
error-staff-name = ئەو ناوە هی ئەندامێکی دەستەی نووسەرانە. ناوێکی تر هەڵبژێرە.
error-too-many-links = لێدوانەکە بەستەری زۆری تێدایە: لانیزۆر { $max }. هەندێکیان لاببە و دووبارە بینێرەوە.
error-rate-address = لە ماوەیەکی کورتدا لێدوانی زۆرت نارد. چەند خولەکێک چاوەڕێ بکە و دووبارە بینێرەوە؛ دەقەکەت لە خوارەوە پارێزراوە.
error-rate-site = ئێستا ماڵپەڕەکە لێدوانێکی زۆر وەردەگرێت. خولەکێک چاوەڕێ بکە و دووبارە بینێرەوە؛ دەقەکەت لە خوارەوە پارێزراوە.
error-duplicate = پێشتر ئەم لێدوانەت ناردووە، بۆیە دووبارە ناکرێتەوە.
error-comments-closed = لێدوان لەسەر ئەم بابەتە داخراوە، بۆیە لێدوانەکەت پاشەکەوت نەکرا. دەقەکەت لە خوارەوە پارێزراوە.
error-reply-gone = ئەو لێدوانەی وەڵامی دەدەیتەوە چیتر پیشان نادرێت. دەقەکەت لە خوارەوە پارێزراوە: وەک لێدوانێکی نوێ بینێرە.
comment-status-rejected = ڕەتکراوە
moderate-reject = ڕەتکردنەوە
moderate-edit = دەستکاری
moderate-ban = قەدەغەکردنی { $range }
spam-score = نمرەی ناخوازراوی: { $score }
spam-reason-blocked-word = وشەیەکی قەدەغەکراوی تێدایە: { $detail }
spam-reason-links = بەستەری تێدایە: { $detail }
spam-reason-link-in-name = بەستەر لە ناودا
spam-reason-fast = { $detail } چرکە دوای کرانەوەی پەڕەکە نێردرا
spam-reason-no-letters = هیچ پیتێکی تێدا نییە
spam-reason-bad-encoding = پیتی تێکچووی تێدایە
spam-reason-address-spam = لێدوانە پێشووەکانی ئەم ناونیشانە ناخوازراو بوون: { $detail }
bans-title = قەدەغەکراوەکان
bans-kind = جۆر
bans-kind-word = وشە
bans-kind-address = مەودای ناونیشان
bans-value = وشە یان مەودا (وەک 203.0.113.0/24)
bans-add = زیادکردن
bans-remove = لابردن
bans-none = هیچ شتێک قەدەغە نەکراوە.
bans-error-range = مەودا نییە: ناونیشانێک یان مەودایەک وەک 203.0.113.0/24 بنووسە.
bans-error-word = وشەکە بەتاڵە یان لە 100 پیت درێژترە.
settings-close-days = لێدوانەکان ئەم ژمارە ڕۆژە دوای بڵاوکردنەوە دابخە (بەتاڵ: هەرگیز)
settings-error-close-days = ژمارەی ڕۆژ نییە: ژمارەیەک لە 1 تا 3650 بنووسە، یان بەتاڵی جێبهێڵە.
settings-error-unknown = هیچ ڕێکخستنێک بەم ناوە نییە.
outside-telegram = تێلیگرام
discussion-heading = گفتوگۆ
discussion-closed = لێدوان لەسەر ئەم بابەتە دابخە
discussion-telegram = ئەو نامەیەی کەناڵی تێلیگرام کە گفتوگۆکەی پیشان دەدرێت
discussion-save = پاشەکەوتکردن
discussion-error-telegram = بەستەری تێلیگرام نییە: بەم شێوەیە بیلکێنە https://t.me/channel/123.
comment-send-failed = نەنێردرا: پەیوەندییەکەت بپشکنە و دووبارە هەوڵ بدەرەوە. دەقەکەت هێشتا لێرەیە.
error-cross-site = فۆرمەکە لە دەرەوەی ئەم ماڵپەڕەوە هات، بۆیە پاشەکەوت نەکرا. دەقەکەت لە خوارەوە پارێزراوە: لە پەڕەی بابەتەکەوە بینێرە.

## The newsroom's clock
settings-time-zone = ناوچەی کات
settings-time-zone-hint = ناوێک لە بنکەی IANA وەک Asia/Baghdad یان Asia/Damascus. بەروارەکان، ناونیشانی بابەتە نوێیەکان و کاتی بڵاوکردنەوە بەم ناوچەیەن؛ ناونیشانی بابەتە بڵاوکراوەکان ناگۆڕێن.
settings-error-time-zone = ناوچەی کاتی نەناسراو: ناوێک لە لیستەکە هەڵبژێرە، وەک Asia/Baghdad.
settings-hijri = بەرواری کۆچی
hijri-off = پیشان نادرێت
hijri-on = لە تەنیشت بەرواری زایینی پیشان دەدرێت (ئوم ئەلقورا)
settings-hijri-adjust = ڕاستکردنەوەی بەرواری کۆچی بە ڕۆژ (بۆ بینینی مانگی نوێ لە شوێنی خۆت)
hijri-adjust-none = 0 (وەک ئوم ئەلقورا)
settings-error-hijri = ڕێکخستنی بەرواری کۆچی دروست نییە: پیشاندان یان نەپیشاندان هەڵبژێرە، و ڕاستکردنەوەیەک لە -2 تا 2 ڕۆژ.
editor-error-publish-at = کاتی بڵاوکردنەوە نەخوێندرایەوە: بەم شێوەیە بینووسە 2026-09-01 08:30.
editor-error-publish-at-skipped = ئەم کاتە لە ناوچەی کاتی ماڵپەڕەکەدا نییە: کاتژمێر بۆ کاتی هاوین لێی تێدەپەڕێت. کاتێک پێش یان دوای ئەو هەڵبژێرە.

## Posts in several languages
editor-field-language = زمانی بابەت
editor-language-site = زمانی ماڵپەڕ
editor-field-translation-of = وەرگێڕانی بابەتی ژمارە
editor-translation-hint = ژمارەی بابەتێک بە زمانێکی تر کە ئەم بابەتە وەرگێڕانیەتی؛ هەریەکەیان بەستەری بۆ ئەوی تر دەبێت. وەرگێڕانەکانی ئێستا:
editor-error-language = زمانی نەناسراو: عەرەبی، کوردی (سۆرانی یان کرمانجی) یان ئینگلیزی هەڵبژێرە.
editor-error-translation-missing = هیچ بابەتێک بەم ژمارەیە نییە بۆ بەستنەوە وەک وەرگێڕان.
editor-error-translation-same = بابەتە هەڵبژێردراوەکە هەمان زمانی ئەم بابەتەی هەیە: وەرگێڕان بە زمانێکی ترە.
editor-error-translation-taken = ئەو بابەتە پێشتر وەرگێڕانێکی بەم زمانە هەیە.
read-in = بە زمانێکی تر بیخوێنەوە:

## Corrections and updates
note-correction = ڕاستکردنەوە
note-update = نوێکردنەوە
note-error-empty = دەقی ڕاستکردنەوە یان نوێکردنەوەکە بنووسە.
note-error-long = دەقەکە لە 2000 پیت درێژترە.
note-error-kind = ڕاستکردنەوە یان نوێکردنەوە هەڵبژێرە، لە سەرەوە یان خوارەوەی بابەتەکە.
note-error-unpublished = تەنها بابەتی بڵاوکراوە ڕاستکردنەوە و نوێکردنەوە وەردەگرێت.
notes-title = ڕاستکردنەوە و نوێکردنەوەکان
notes-back-to-editor = گەڕانەوە بۆ دەستکاریکەر
notes-none = ئەم بابەتە هیچ ڕاستکردنەوە یان نوێکردنەوەیەکی نییە.
notes-add = ڕاستکردنەوە یان نوێکردنەوەیەک زیاد بکە
note-field-kind = جۆر
note-field-placement = شوێنی لە بابەتەکەدا
note-placement-top = لە سەرەوەی بابەتەکە
note-placement-bottom = لە خوارەوەی بابەتەکە
note-field-body = دەق
corrections-title = ڕاستکردنەوەکان
corrections-intro = هەڵەکانمان بە ئاشکرا ڕاست دەکەینەوە: هەموو ڕاستکردنەوە و نوێکردنەوەکانی ئەوەی بڵاومان کردووەتەوە، نوێترین یەکەم.
corrections-empty = هێشتا هیچ ڕاستکردنەوەیەک نییە.
admin-notes-link = ڕاستکردنەوە و نوێکردنەوەکان

## Visual editor
visual-field-body = دەق
visual-toolbar = ڕێکخستنی دەق
visual-paragraph = بڕگە
visual-heading = سەردێڕ
visual-subheading = سەردێڕی لاوەکی
visual-bold = تۆخ
visual-italic = لار
visual-link = بەستەر
visual-quote = وەرگیراو
visual-bullets = لیستی خاڵدار
visual-numbers = لیستی ژمارەدار
visual-edit-as-text = دەستکاری وەک دەق
visual-edit-visually = گەڕانەوە بۆ دەستکاریکەری بینراو
visual-link-address = ناونیشانی بەستەر، وەک https://example.org
visual-link-apply = زیادکردنی بەستەر
visual-link-cancel = هەڵوەشاندنەوە
visual-error-link = بەستەرەکە زیاد نەکرا: تەنها ناونیشانی ماڵپەڕ (https یان http) و ئیمەیڵ (mailto) وەردەگیرێن. دەقەکەت وەک خۆیەتی.
visual-error-too-large = هیچ نەلکێنرا، چونکە ئەوەی کۆپیت کردووە لە 1 مێگابایت گەورەترە. دەقەکەت وەک خۆیەتی؛ بەشێکی بچووکتر بلکێنە.
visual-error-unsupported = ئەم دەقە ڕێکخستنێکی تێدایە کە دەستکاریکەری بینراو نیشانی نادات (خشتە، کۆد یان پەراوێز)، بۆیە وەک دەق دەمێنێتەوە و هیچی لێ ون نابێت.
visual-error-unavailable = دەستکاریکەری بینراو ئێستا نەکرایەوە (ئایا پەیوەندی پچڕاوە؟). لێرە وەک دەق بنووسە، یان دووبارە هەوڵ بدەوە.
visual-embed = تێخستنی پۆست
visual-embed-address = بەستەری پۆستەکە لە YouTube، X، Facebook، Instagram یان Telegram
visual-embed-apply = پۆستەکە زیاد بکە
visual-error-embed-unknown = ئەم بەستەرە ناخرێتە ناو دەقەکەوە: تەنها پۆستێکی YouTube، X، Facebook، Instagram یان Telegram دەخرێتە ناو. دەقەکەت وەک خۆیەتی؛ دەتوانیت بە دوگمەی «بەستەر» وەک بەستەرێکی ئاسایی زیادی بکەیت.
visual-error-offline = ئێستا نەتوانرا بەستەرەکە بپشکنرێت (ئایا پەیوەندی پچڕاوە؟). دەقەکەت وەک خۆیەتی؛ دووبارە هەوڵ بدەوە.
visual-embed-added = پۆستەکە زیادکرا؛ خوێنەر شوێنێکی گیراو دەبینێت کە هیچی لێ بار ناکرێت تا کلیکی لێ نەکات.
visual-embed-pasted = ئەم بەستەرە بە تەنها لە دێڕەکەیدایە، بۆیە خوێنەر وەک پۆستێکی تێخراو دەیبینێت کە تەنها بە کلیک بار دەبێت.

## Embeds
embed-load = لێرە پیشانی بدە (تەنها کاتێک داگیرا لە خزمەتگوزارییەکەوە بار دەکرێت)

## Dashboard
dashboard-attention = پێویستی بە ئاگاداریتە
dashboard-failed-jobs = { $count_plural ->
    [one] ئەرکێک سەرکەوتوو نەبوو
   *[other] { $count } ئەرک سەرکەوتوو نەبوون
}
dashboard-in-review = { $count_plural ->
    [one] بابەتێک چاوەڕێی پێداچوونەوەیە
   *[other] { $count } بابەت چاوەڕێی پێداچوونەوەن
}
dashboard-scheduled-soon = { $count_plural ->
    [one] بابەتێک لە 24 کاتژمێردا بڵاو دەکرێتەوە
   *[other] { $count } بابەت لە 24 کاتژمێردا بڵاو دەکرێنەوە
}
dashboard-review-heading = چاوەڕێی پێداچوونەوە
dashboard-scheduled-heading = لە 24 کاتژمێردا بڵاو دەکرێتەوە
dashboard-none = ئێستا هیچ شتێک لێرە نییە.
dashboard-drafts = ڕەشنووسەکانت
dashboard-no-drafts = هیچ ڕەشنووسێکت نییە.
dashboard-newest = نوێترین بابەتەکان
dashboard-edit = دەستکاری
dashboard-counts = بابەتەکان بەپێی دۆخ

## Saving without losing a word
editor-others-editing = ئێستا ئەم بابەتەش دەستکاری دەکات:
editor-autosaved = ڕەشنووس بە شێوەی خۆکار پاشەکەوت کرا لە کاتژمێر
editor-offline = ئێستا پەیوەندی نییە: دەقەکەت لەم وێبگەڕەدا پارێزراوە و کاتێک پەیوەندی گەڕایەوە دەنێردرێت.
editor-kept-in-browser = بابەتەکە بڵاوکراوەتەوە: گۆڕانکارییەکانت لەم وێبگەڕەدا دەمێننەوە تا «پاشەکەوت» دادەگریت.
editor-autosave-failed = پاشەکەوتی خۆکار سەرکەوتوو نەبوو؛ دەقەکەت لەم وێبگەڕەدا پارێزراوە.
editor-error-conflict = کەسێکی تر ئەم بابەتەی پاش کردنەوەی تۆ پاشەکەوت کرد، بۆیە وەشانەکەی ئەو نەسڕایەوە. هەردوو وەشانەکە لە خوارەوە بەراورد بکە: دەقەکەی تۆ هێشتا لە فۆرمەکەدایە؛ دووبارە پاشەکەوتی بکە بۆ هێشتنەوەی.
editor-conflict-theirs = وەشانی نوێتری پاشەکەوتکراو
editor-conflict-yours = وەشانەکەی تۆ، وەک لە فۆرمەکەدایە

## Photos in the editor
photo-add = وێنە
photo-library = وێنەکانی پێشوو
photo-details = دەربارەی ئەم وێنەیە
photo-alt = وێنەکە چی نیشان دەدات (بۆ ئەوانەی نایبینن)
photo-alt-hint = گرنگترینی بە ڕستەیەک بڵێ؛ تەنها ئەگەر وێنەکە بۆ جوانکاری بێت بەتاڵی بهێڵەوە.
photo-decorative = بۆ جوانکاری: هیچ شتێک زیاد ناکات کە خوێنەر لەدەستی بدات
photo-caption = ژێرنووس (تا 1000 پیت)
photo-credit = وێنەگر (تا 200 پیت)
photo-credit-example = وێنە: ناو
photo-insert = خستنە ناو دەق
photo-set-cover = بیکە بە وێنەی بەرگ
photo-cover-set = وێنەی بەرگ دانرا؛ لەگەڵ بابەتەکە پاشەکەوت دەکرێت.
photo-library-title = وێنەکانی پێشوو، نوێترین یەکەم
photo-library-empty = هێشتا هیچ وێنەیەک بار نەکراوە.
photo-library-close = داخستن
photo-library-error = ئێستا نەتوانرا وێنەکان پیشان بدرێن (پەیوەندی پچڕاوە؟). دووبارە هەوڵ بدەوە.
photo-error-upload = وێنەکە بار نەکرا. دەقەکەت وەک خۆیەتی؛ دووبارە هەوڵ بدەوە.
photo-retrying = پەیوەندی پچڕا؛ دووبارە هەوڵ دەدەینەوە…
photo-offline = پەیوەندی نییە: وێنەکە هەر کە گەڕایەوە دەنێردرێت.
photo-uploading = بار دەکرێت…
photo-uploaded = بار کرا.
photo-error-alt = بڵێ وێنەکە چی نیشان دەدات، یان «بۆ جوانکاری» هەڵبژێرە.
photo-error-caption-long = ژێرنووسەکە لە 1000 پیت درێژترە: کورتی بکەوە.
photo-error-credit-long = ناوی وێنەگر لە 200 پیت درێژترە: کورتی بکەوە.
