# Arabic messages: the default. Plural forms follow CLDR (chosen by ICU4X, passed as
# `$count_plural`): zero, one, two, few (3–10, 103–110…), many (11–99, 111–199…), other (100, 101…).
skip-to-content = تخطَّ إلى المحتوى
site-navigation = صفحات الموقع
home = الرئيسية
featured-posts = منشورات مميزة
latest-posts = أحدث المنشورات
no-posts = لا منشورات بعد.
read-more = اقرأ المزيد
older-posts = منشورات أقدم
newer-posts = منشورات أحدث
pagination = التنقل بين الصفحات
page-of = الصفحة { $page } من { $pages }
about-heading = عن { $site }
labels-heading = الوسوم
label-heading = منشورات موسومة بـ { $label }
archive-heading = أرشيف { $month }
published-on = نُشر في
by-author = بقلم { $author }
posts-count = { $count_plural ->
    [zero] لا منشورات
    [one] منشور واحد
    [two] منشوران
    [few] { $count } منشورات
    [many] { $count } منشورًا
   *[other] { $count } منشور
}
share-heading = شارك المنشور
share-whatsapp = واتساب
share-telegram = تيليغرام
share-facebook = فيسبوك
share-x = إكس
share-copy = انسخ الرابط
share-copied = نُسخ الرابط
share-device = مشاركة…
comments-heading = التعليقات
comments-count = { $count_plural ->
    [zero] لا تعليقات
    [one] تعليق واحد
    [two] تعليقان
    [few] { $count } تعليقات
    [many] { $count } تعليقًا
   *[other] { $count } تعليق
}
comments-tabs = مصدر التعليقات
comments-tab-site = تعليقات الموقع
comments-tab-facebook = تعليقات فيسبوك
comments-none = كن أول من يعلّق.
comment-form-heading = إرسال تعليق
comment-name = الاسم
comment-email = البريد الإلكتروني (اختياري، لا يُنشر)
comment-body = التعليق
comment-honeypot = اترك هذا الحقل فارغًا
comment-submit = إرسال تعليق
comment-pending = شكرًا لك! سيظهر تعليقك بعد أن يراجعه المحررون.
comment-published = شكرًا لك! نُشر تعليقك.
error-comment-empty = التعليق فارغ: اكتب شيئًا قبل الإرسال.
error-comment-too-long = التعليق أطول من { $max } حرف: اختصره ثم أعد الإرسال.
error-name-empty = اكتب اسمك قبل الإرسال.
error-name-too-long = الاسم أطول من { $max } حرفًا.
error-email-invalid = عنوان البريد الإلكتروني غير صحيح.
error-404-title = الصفحة غير موجودة
error-404-body = لم نجد ما تبحث عنه: ربما نُقل أو حُذف.
error-403-title = طلب مرفوض
error-403-body = انتهت صلاحية النموذج أو أُرسل من خارج الموقع. أعد تحميل الصفحة ثم حاول مجددًا.
error-400-title = طلب غير صالح
error-400-body = تعذّر فهم الطلب. أعد تحميل الصفحة ثم حاول مجددًا.
error-413-title = الطلب أكبر من المسموح
error-413-body = ما أرسلته أكبر مما يقبله الموقع. اختصره ثم أعد المحاولة.
error-500-title = حدث خطأ
error-500-body = حدث خطأ من جهتنا، وسجّلناه. حاول مجددًا بعد قليل.
error-503-title = الموقع غير جاهز
error-503-body = لم يُجهَّز الموقع بعد. على المشرف تشغيل الأمر minbar init.
error-unavailable-title = الموقع مشغول لحظات
error-unavailable-body = تعذّر الوصول إلى قاعدة البيانات الآن. لم يُحفظ شيء من هذا الطلب؛ حاول مجددًا بعد ثوانٍ.
error-full-title = لا مساحة للحفظ
error-full-body = امتلأ قرص الخادم، فلم يُحفظ ما أرسلته. سجّلنا الأمر للمشرف؛ حاول مجددًا بعد قليل.
back-home = العودة إلى الرئيسية
powered-by = يعمل بمنصة منبر
search-title = البحث
search-heading = نتائج البحث عن «{ $query }»
search-label = ابحث في الموقع
search-button = بحث
search-hint = اكتب كلمة أو أكثر. ضع عبارة بين علامتي تنصيص "هكذا" لتجدها كما كُتبت، وضع - قبل كلمة لتستبعدها. لا يهم الهمز ولا التشكيل ولا التاء المربوطة.
search-count = { $count_plural ->
    [zero] لا نتائج
    [one] نتيجة واحدة
    [two] نتيجتان
    [few] { $count } نتائج
    [many] { $count } نتيجةً
   *[other] { $count } نتيجة
}
search-none = لم نجد ما يطابق بحثك. جرّب كلمات أقل أو أعمّ.
search-truncated = البحث أطول مما نقرأ، فبحثنا بأول { $limit } حرفًا منه.
previous-results = النتائج السابقة
more-results = نتائج أخرى
admin-title = الإدارة
admin-navigation = قائمة الإدارة
admin-dashboard = لوحة التحكم
admin-posts = المنشورات
admin-view-site = عرض الموقع
admin-filter = تصفية حسب الحالة
admin-col-title = العنوان
admin-col-status = الحالة
admin-col-date = التاريخ
admin-jobs = المهام في الخلفية
admin-job = المهمة
admin-job-next = التشغيل التالي
admin-job-state = الحالة
admin-job-ok = عملت دون خطأ
admin-job-running = تعمل على { $node }
admin-job-failed = { $count_plural ->
    [one] فشلت مرة واحدة
    [two] فشلت مرتين متتاليتين
    [few] فشلت { $count } مرات متتالية
    [many] فشلت { $count } مرة متتالية
   *[other] فشلت { $count } مرة متتالية
}
job-publish-due = نشر المقالات المجدولة
job-forget-addresses = محو عناوين المعلّقين القديمة
job-purge = تفريغ الذاكرة المؤقتة الأمامية
admin-pending-comments = { $count_plural ->
    [zero] لا تعليقات تنتظر المراجعة
    [one] تعليق واحد ينتظر المراجعة
    [two] تعليقان ينتظران المراجعة
    [few] { $count } تعليقات تنتظر المراجعة
    [many] { $count } تعليقًا ينتظر المراجعة
   *[other] { $count } تعليق ينتظر المراجعة
}
status-all = الكل
status-draft = مسودة
status-published = منشور
role-admin = مدير
role-editor = محرر
role-author = كاتب
signin-title = تسجيل الدخول
signin-email = البريد الإلكتروني
signin-password = كلمة المرور
signin-button = دخول
signin-failed = البريد الإلكتروني أو كلمة المرور غير صحيحة.
signin-throttled = محاولات فاشلة كثيرة. انتظر ربع ساعة ثم حاول مجددًا.
signout-button = خروج
status-review = بانتظار المراجعة
status-scheduled = مجدول
admin-new-post = منشور جديد
editor-new-title = منشور جديد
editor-edit-title = تحرير المنشور
editor-view-post = عرض المنشور في الموقع
editor-field-title = العنوان
editor-field-body = النص (Markdown)
editor-field-body-html = النص (HTML)
editor-field-labels = الوسوم (افصل بينها بفاصلة)
editor-field-status = الحالة
editor-field-publish-at = موعد النشر ({ $zone })
editor-field-featured = منشور مميز
editor-save = حفظ
editor-preview = معاينة
editor-preview-heading = معاينة
editor-revisions = النسخ السابقة
editor-restore = استعادة
editor-error-empty-title = العنوان فارغ.
editor-error-long-title = العنوان أطول من 300 حرف.
editor-error-empty-body = النص فارغ.
admin-media = الصور
media-title = الصور
media-upload = رفع صورة
media-field-file = الصورة (JPEG أو PNG أو WebP أو GIF، حتى { $max } ميغابايت)
media-upload-button = رفع
media-note = تُحذف من كل صورة بيانات الموقع والكاميرا (EXIF وGPS وXMP وIPTC) قبل حفظها.
media-copy-hint = انسخ السطر إلى نص المنشور:
media-none = لا صور بعد.
media-error-not-image = الملف ليس صورة JPEG أو PNG أو WebP أو GIF.
media-error-too-large = الملف أكبر من الحد المسموح.
media-error-too-many-pixels = أبعاد الصورة أكبر مما نستطيع فتحه.
media-error-damaged = تعذّرت قراءة الصورة؛ قد يكون الملف تالفًا.
media-error-storage = تعذّر حفظ الصورة. أعد المحاولة لاحقًا.
media-error-full = امتلأ قرص الخادم فلم تُحفظ الصورة. أخبر المشرف، وأعد المحاولة بعد إفراغ مساحة.
media-error-no-file = اختر صورة لرفعها.
admin-comments = التعليقات
admin-settings = الإعدادات
admin-users = المستخدمون
comment-status-pending = بانتظار الموافقة
comment-status-published = منشورة
comment-status-spam = مزعجة
moderate-approve = موافقة
moderate-spam = مزعج
moderate-delete = حذف
comments-queue-empty = لا تعليقات هنا.
settings-title = اسم الموقع
settings-about = نبذة عن الموقع
settings-locale = اللغة والمنطقة
settings-moderation = مراجعة التعليقات
settings-outside = تبويب التعليقات الخارجية
settings-base-url = عنوان الموقع العام
moderation-open = تظهر فورًا
moderation-first-time = أول تعليق لكل معلّق ينتظر الموافقة
moderation-all = كل تعليق ينتظر الموافقة
outside-none = لا يوجد
outside-facebook = فيسبوك
settings-error-title = اسم الموقع فارغ أو أطول من 120 حرفًا.
settings-error-about = النبذة أطول من 2000 حرف.
settings-error-locale = اللغة غير مدعومة.
settings-error-moderation = طريقة المراجعة غير معروفة.
settings-error-outside = مزوّد التعليقات غير معروف.
settings-error-base-url = العنوان يجب أن يبدأ بـ https:// أو http://.
users-name = الاسم
users-email = البريد الإلكتروني
users-role = الدور
users-password = كلمة المرور (10 أحرف على الأقل)
users-add = إضافة مستخدم
users-add-button = إضافة
users-error-name = الاسم فارغ أو أطول من 80 حرفًا.
users-error-email = البريد الإلكتروني غير صالح.
users-error-role = الدور غير معروف.
users-error-password = كلمة المرور أقصر من 10 أحرف أو أطول من المسموح.
users-error-taken = هناك مستخدم بهذا البريد الإلكتروني.
admin-tokens = مفاتيح الواجهة البرمجية
tokens-intro = مفتاح لكل تطبيق أو برنامج ينشر باسمك عبر /api/v1 (الوصف في /api/v1/openapi.json).
tokens-name = اسم المفتاح
tokens-create = إنشاء مفتاح
tokens-new = هذا مفتاحك الجديد. انسخه الآن، فلن يظهر مرة أخرى:
tokens-revoke = إلغاء
tokens-none = لا مفاتيح بعد.
editor-restored-unsaved = أعدنا النص الذي كتبته ولم يُحفظ بعد في هذا المتصفح. راجعه ثم احفظه.
admin-pages = الصفحات
pages-new = صفحة جديدة
pages-edit = تحرير الصفحة
pages-slug = الاسم في الرابط (اختياري)
pages-error-slug-taken = هناك صفحة بهذا الاسم في الرابط.
pages-none = لا صفحات بعد.
settings-months = أسماء الأشهر
settings-digits = الأرقام في التواريخ
settings-facebook-app-id = معرّف تطبيق فيسبوك (اختياري)
months-locale = حسب اللغة والمنطقة
months-levantine = شامية (كانون الثاني، شباط، آذار)
months-egyptian = مصرية (يناير، فبراير، مارس)
digits-latn = 0123456789
digits-arab = ٠١٢٣٤٥٦٧٨٩
settings-error-digits = نوع الأرقام غير معروف.
settings-error-months = أسماء الأشهر غير معروفة.
settings-error-app-id = معرّف التطبيق أرقام فقط.
admin-search-titles = ابحث في العناوين
editor-field-excerpt = الملخص (اختياري؛ يؤخذ من النص إن تُرك فارغًا)
editor-field-cover = صورة الغلاف (الصق سطر الصورة من صفحة الصور)
editor-error-cover = صورة الغلاف ليست من الصور المرفوعة إلى الموقع.
editor-error-excerpt = الملخص أطول من 300 حرف.
editor-error-status = حالة المقال غير معروفة: مسودة أو مراجعة أو مجدول أو منشور.
editor-error-labels = لا يُقبل أكثر من 50 وسمًا للمقال.
users-remove = حذف الحساب
users-error-last-admin = لا بد أن يبقى للموقع مدير واحد على الأقل.
users-error-self = لا يمكنك حذف حسابك وأنت مسجّل الدخول به.
feed-comment-title = تعليق { $author } على «{ $post }»
feed-comments-title = التعليقات في { $site }
feed-post-comments-title = التعليقات على «{ $post }»
comments-tab-telegram = نقاش تيليغرام
comments-outside-notice-facebook = لا يُحمَّل شيء من فيسبوك قبل أن تفتح هذا التبويب.
comments-outside-notice-telegram = لا يُحمَّل شيء من تيليغرام قبل أن تفتح هذا التبويب.
comments-outside-link-telegram = افتح النقاش على تيليغرام
comment-staff = من فريق التحرير
comment-edited = عدّله المحررون
comment-reply = ردّ
comment-reply-cancel = إلغاء الرد
comment-replying-to = ردًّا على { $name }
comments-pages = صفحات التعليقات
comments-earlier = تعليقات أقدم
comments-later = تعليقات أحدث
comments-closed = أُغلقت التعليقات على هذا الخبر.
comments-feed = تابع التعليقات على هذا الخبر (Atom)
error-form-expired = انتهت صلاحية النموذج أو لم يحفظ متصفحك ملفات تعريف الارتباط. نصّك محفوظ أدناه: انتظر لحظة ثم أعد إرساله.
error-too-fast = وصل التعليق أسرع مما يكتب إنسان. انتظر لحظة ثم أعد الإرسال؛ نصّك محفوظ أدناه.
error-banned = لا يقبل الموقع تعليقات من شبكتك. إن ظننت ذلك خطأً فراسل المحررين.
error-staff-name = هذا الاسم لأحد أعضاء فريق التحرير. اختر اسمًا آخر.
error-too-many-links = في التعليق روابط كثيرة: الحد { $max_plural ->
    [one] رابط واحد
    [two] رابطان
    [few] { $max } روابط
   *[other] { $max } رابط
}. احذف بعضها ثم أعد الإرسال.
error-rate-address = أرسلت تعليقات كثيرة في وقت قصير. انتظر بضع دقائق ثم أعد الإرسال؛ نصّك محفوظ أدناه.
error-rate-site = يستقبل الموقع الآن تعليقات كثيرة. انتظر دقيقة ثم أعد الإرسال؛ نصّك محفوظ أدناه.
error-duplicate = أرسلت هذا التعليق من قبل، فلن نكرّره.
error-comments-closed = أُغلقت التعليقات على هذا الخبر، فلم يُحفظ تعليقك. نصّك محفوظ أدناه.
error-reply-gone = التعليق الذي ترد عليه لم يعد ظاهرًا. نصّك محفوظ أدناه: أرسله تعليقًا جديدًا.
comment-status-rejected = مرفوضة
moderate-reject = رفض
moderate-edit = تعديل
moderate-ban = حظر { $range }
spam-score = درجة الإزعاج: { $score }
spam-reason-blocked-word = فيه كلمة محظورة: { $detail }
spam-reason-links = فيه روابط: { $detail }
spam-reason-link-in-name = في الاسم رابط
spam-reason-fast = أُرسل بعد { $detail } ثانية من فتح الصفحة
spam-reason-no-letters = لا حروف فيه
spam-reason-bad-encoding = فيه رموز تالفة
spam-reason-address-spam = عُدّت تعليقات سابقة من العنوان نفسه مزعجة: { $detail }
bans-title = المحظورات
bans-kind = النوع
bans-kind-word = كلمة
bans-kind-address = نطاق عناوين
bans-value = الكلمة أو النطاق (مثل 203.0.113.0/24)
bans-add = أضف
bans-remove = احذف
bans-none = لا محظورات.
bans-error-range = النطاق غير صحيح: اكتب عنوانًا أو نطاقًا مثل 203.0.113.0/24.
bans-error-word = الكلمة فارغة أو أطول من 100 حرف.
settings-close-days = أغلق التعليقات بعد هذا العدد من الأيام من النشر (فارغ: لا تُغلق)
settings-error-close-days = عدد الأيام غير صحيح: اكتب رقمًا بين 1 و3650، أو اتركه فارغًا.
settings-error-unknown = لا يوجد إعداد بهذا الاسم.
outside-telegram = تيليغرام
discussion-heading = النقاش
discussion-closed = أغلق التعليقات على هذا الخبر
discussion-telegram = رسالة القناة على تيليغرام التي يُعرض نقاشها
discussion-save = احفظ
discussion-error-telegram = رابط تيليغرام غير صحيح: الصقه بالشكل https://t.me/channel/123.
comment-send-failed = تعذّر الإرسال: تحقق من اتصالك ثم أعد المحاولة. نصّك ما زال هنا.
error-cross-site = وصل النموذج من خارج الموقع فلم يُحفظ. نصّك محفوظ أدناه: أرسله من صفحة الخبر.

## The newsroom's clock
settings-time-zone = المنطقة الزمنية
settings-time-zone-hint = اسم من قاعدة IANA مثل Asia/Damascus أو Asia/Baghdad أو Africa/Cairo. التواريخ ومسارات المقالات الجديدة وأوقات النشر بها؛ مسارات المقالات المنشورة لا تتغير.
settings-error-time-zone = منطقة زمنية غير معروفة: اختر اسمًا من القائمة، مثل Asia/Damascus.
settings-hijri = التاريخ الهجري
hijri-off = لا يُعرض
hijri-on = يُعرض بجانب التاريخ الميلادي (أم القرى)
settings-hijri-adjust = تعديل التاريخ الهجري بالأيام (حسب رؤية الهلال محليًا)
hijri-adjust-none = 0 (كما في تقويم أم القرى)
settings-error-hijri = إعداد التاريخ الهجري غير صحيح: اختر عرضه أو إخفاءه، وتعديلًا بين -2 و2 يوم.
editor-error-publish-at = لم نفهم موعد النشر: اكتبه بصيغة 2026-09-01 08:30.
editor-error-publish-at-skipped = هذا الوقت لا يوجد في المنطقة الزمنية للموقع لأن الساعة تُقدَّم فيه للتوقيت الصيفي: اختر وقتًا قبله أو بعده.

## Posts in several languages
editor-field-language = لغة المقال
editor-language-site = لغة الموقع
editor-field-translation-of = ترجمة للمقال رقم
editor-translation-hint = رقم مقال بلغة أخرى يترجمه هذا المقال؛ يُربط كل منهما بالآخر. الترجمات الحالية:
editor-error-language = لغة غير معروفة: اختر العربية أو الكردية (سورانية أو كرمانجية) أو الإنكليزية.
editor-error-translation-missing = لا يوجد مقال بهذا الرقم لربطه كترجمة.
editor-error-translation-same = المقال المختار بنفس لغة هذا المقال: الترجمة تكون بلغة أخرى.
editor-error-translation-taken = لهذا المقال ترجمة بهذه اللغة من قبل.
read-in = اقرأ بلغة أخرى:

## Corrections and updates
note-correction = تصحيح
note-update = تحديث
note-error-empty = اكتب نص التصحيح أو التحديث.
note-error-long = النص أطول من 2000 حرف.
note-error-kind = اختر تصحيحًا أو تحديثًا، في أعلى المقال أو أسفله.
note-error-unpublished = لا يُضاف تصحيح أو تحديث إلا إلى مقال منشور.
notes-title = التصحيحات والتحديثات
notes-back-to-editor = العودة إلى المحرر
notes-none = لا تصحيحات ولا تحديثات على هذا المقال.
notes-add = أضف تصحيحًا أو تحديثًا
note-field-kind = النوع
note-field-placement = مكانه في المقال
note-placement-top = في أعلى المقال
note-placement-bottom = في أسفل المقال
note-field-body = النص
corrections-title = التصحيحات
corrections-intro = نصحح أخطاءنا علنًا: هذه كل التصحيحات والتحديثات على ما نشرناه، الأحدث أولًا.
corrections-empty = لا تصحيحات حتى الآن.
admin-notes-link = التصحيحات والتحديثات

## Visual editor
visual-field-body = النص
visual-toolbar = تنسيق النص
visual-paragraph = فقرة
visual-heading = عنوان
visual-subheading = عنوان فرعي
visual-bold = عريض
visual-italic = مائل
visual-link = رابط
visual-quote = اقتباس
visual-bullets = قائمة نقطية
visual-numbers = قائمة مرقمة
visual-edit-as-text = تحرير كنص
visual-edit-visually = العودة إلى المحرر المرئي
visual-link-address = عنوان الرابط، مثل https://example.org
visual-link-apply = إضافة الرابط
visual-link-cancel = إلغاء
visual-error-link = لم يُضف الرابط: تُقبل فقط عناوين المواقع (https أو http) والبريد (mailto). نصك كما هو.
visual-error-too-large = لم يُلصق شيء لأن ما نسخته أكبر من 1 ميغابايت. نصك كما هو؛ الصق جزءًا أصغر.
visual-error-unsupported = في هذا النص تنسيق لا يعرضه المحرر المرئي (جدول أو شيفرة أو حواشٍ)، فبقي نصًا كما هو لئلا يضيع منه شيء.
visual-error-unavailable = تعذّر فتح المحرر المرئي الآن (هل انقطع الاتصال؟). اكتب هنا كنص، أو جرّب مرة أخرى.
visual-embed = تضمين منشور
visual-embed-address = رابط المنشور على YouTube أو X أو Facebook أو Instagram أو Telegram
visual-embed-apply = أضف المنشور
visual-error-embed-unknown = لا يمكن تضمين هذا الرابط: يُضمَّن فقط منشور من YouTube أو X أو Facebook أو Instagram أو Telegram. نصك كما هو، ويمكنك إضافته رابطًا عاديًا بزر «رابط».
visual-error-offline = تعذّر التحقق من الرابط الآن (هل انقطع الاتصال؟). نصك كما هو؛ حاول مجددًا.
visual-embed-added = أُضيف المنشور؛ يراه القارئ مكانًا محجوزًا لا يُحمَّل شيء منه إلا حين يضغطه.
visual-embed-pasted = هذا الرابط وحده في سطره، فسيراه القارئ منشورًا مضمّنًا لا يُحمَّل إلا حين يضغطه.

## Embeds
embed-load = اعرضه هنا (يُحمَّل من الخدمة عند الضغط فقط)

## Dashboard
dashboard-attention = يحتاج انتباهك
dashboard-failed-jobs = { $count_plural ->
    [zero] لا مهام فشلت
    [one] مهمة واحدة فشلت
    [two] مهمتان فشلتا
    [few] { $count } مهام فشلت
    [many] { $count } مهمة فشلت
   *[other] { $count } مهمة فشلت
}
dashboard-in-review = { $count_plural ->
    [zero] لا مقالات بانتظار المراجعة
    [one] مقال واحد بانتظار المراجعة
    [two] مقالان بانتظار المراجعة
    [few] { $count } مقالات بانتظار المراجعة
    [many] { $count } مقالًا بانتظار المراجعة
   *[other] { $count } مقال بانتظار المراجعة
}
dashboard-scheduled-soon = { $count_plural ->
    [zero] لا مقالات مجدولة خلال 24 ساعة
    [one] مقال واحد يُنشر خلال 24 ساعة
    [two] مقالان يُنشران خلال 24 ساعة
    [few] { $count } مقالات تُنشر خلال 24 ساعة
    [many] { $count } مقالًا يُنشر خلال 24 ساعة
   *[other] { $count } مقال يُنشر خلال 24 ساعة
}
dashboard-review-heading = بانتظار المراجعة
dashboard-scheduled-heading = يُنشر خلال 24 ساعة
dashboard-none = لا شيء هنا الآن.
dashboard-drafts = مسوداتك
dashboard-no-drafts = لا مسودات لك.
dashboard-newest = أحدث المقالات
dashboard-edit = تحرير
dashboard-counts = المقالات حسب الحالة

## Saving without losing a word
editor-others-editing = يحرر هذا المقال الآن أيضًا:
editor-autosaved = حُفظت المسودة تلقائيًا الساعة
editor-offline = لا اتصال الآن: نصك محفوظ في هذا المتصفح ويُرسل حين يعود الاتصال.
editor-kept-in-browser = المقال منشور: تغييراتك محفوظة في هذا المتصفح حتى تضغط «حفظ».
editor-autosave-failed = تعذّر الحفظ التلقائي؛ نصك محفوظ في هذا المتصفح.
editor-error-conflict = حفظ شخص آخر هذا المقال بعد أن فتحته، فلم نكتب فوق نسخته. قارن النسختين أدناه: نصك ما زال في النموذج، واحفظ مرة أخرى لتعتمده.
editor-conflict-theirs = النسخة المحفوظة الأحدث
editor-conflict-yours = نسختك، كما هي في النموذج

## Photos in the editor
photo-add = صورة
photo-library = صور سابقة
photo-details = عن هذه الصورة
photo-alt = ماذا تُظهر الصورة (لمن لا يراها)
photo-alt-hint = اذكر المهم فيها بجملة؛ اتركه فارغًا فقط إن كانت الصورة للزينة.
photo-decorative = للزينة: لا تضيف شيئًا يفوت القارئ
photo-caption = التعليق (حتى 1000 حرف)
photo-credit = المصوّر (حتى 200 حرف)
photo-credit-example = تصوير: الاسم
photo-insert = أدرج في النص
photo-set-cover = اجعلها صورة الغلاف
photo-cover-set = عُيّنت صورة الغلاف؛ تُحفظ مع المنشور.
photo-library-title = صور سابقة، الأحدث أولًا
photo-library-empty = لم تُرفع صور بعد.
photo-library-close = إغلاق
photo-library-error = تعذّر عرض الصور الآن (هل انقطع الاتصال؟). حاول مجددًا.
photo-error-upload = لم تُرفع الصورة. نصك كما هو؛ حاول مجددًا.
photo-retrying = انقطع الاتصال؛ نحاول مجددًا…
photo-offline = لا اتصال: تُرسل الصورة حالما يعود.
photo-uploading = جارٍ الرفع…
photo-uploaded = رُفعت.
photo-error-alt = اذكر ماذا تُظهر الصورة، أو اختر «للزينة».
photo-error-caption-long = التعليق أطول من 1000 حرف: اختصره.
photo-error-credit-long = اسم المصوّر أطول من 200 حرف: اختصره.
