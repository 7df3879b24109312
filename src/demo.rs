//! `minbar demo`: a throwaway site filled with posts the project wrote itself, then served.
//!
//! The text is our own and describes an imagined town newsroom; nothing here is taken from the
//! news corpus or any real site.

use anyhow::{Context, Result};
use minbar_content::{
    BodyFormat, CommentStatus, ModerationMode, NewComment, OutsideComments, PostInput, Site,
    compose_page, compose_post,
};
use minbar_store::Store;

struct DemoPost {
    title: &'static str,
    body: &'static str,
    featured: bool,
    days_ago: i64,
}

const POSTS: &[DemoPost] = &[
    DemoPost {
        title: "افتتاح سوق الخضار الجديد قرب #الجسر_القديم",
        body: "افتتحت البلدية صباح اليوم سوق الخضار الجديد قرب الجسر القديم، بعد أشهر من أعمال الترميم.\n\nيضم السوق أربعين محلًا صغيرًا، وخُصّص ربعها لمزارعي القرى المجاورة بأجور رمزية. وقال أحد الباعة إن المكان الجديد أوسع وأنظف، وإن الزبائن عادوا منذ الساعات الأولى.\n\nوتنوي البلدية فتح السوق يوم الجمعة أيضًا خلال موسم #الحصاد.",
        featured: true,
        days_ago: 1,
    },
    DemoPost {
        title: "مدرسة الحي الشرقي تستقبل طلابها بعد #الترميم",
        body: "عاد نحو ثلاثمئة طالب وطالبة إلى مدرسة الحي الشرقي بعد ترميم صفوفها وسقفها.\n\nوتطوّع شبّان من الحي لطلاء الجدران وإصلاح المقاعد، فيما تبرّع الأهالي بالكتب لمكتبة المدرسة. وتقول المديرة إن أكبر حاجة اليوم هي **التدفئة** قبل حلول الشتاء.",
        featured: true,
        days_ago: 3,
    },
    DemoPost {
        title: "انقطاع المياه عن ثلاثة أحياء لإصلاح خط رئيسي",
        body: "أعلنت مؤسسة المياه انقطاع الضخ عن ثلاثة أحياء لمدة يومين بسبب إصلاح خط رئيسي تضرر بفعل الأمطار.\n\nونصحت المؤسسة السكان بتخزين ما يكفي من المياه، ووعدت بإرسال صهاريج إلى الأحياء الأكثر حاجة. تابعوا التحديثات على وسم #المياه.",
        featured: false,
        days_ago: 5,
    },
    DemoPost {
        title: "مهرجان الكتاب الأول في المدينة يجمع عشرين دار نشر",
        body: "انطلق في المركز الثقافي مهرجان الكتاب الأول في المدينة بمشاركة عشرين دار نشر وعدد من الكتّاب المحليين.\n\n> القراءة نافذة المدينة على العالم، كما قال أحد المنظمين في الافتتاح.\n\nويستمر المهرجان أسبوعًا، وتقام فيه أمسيات شعرية وورشات للأطفال. #ثقافة",
        featured: false,
        days_ago: 8,
    },
    DemoPost {
        title: "فريق المدينة يفوز في نهائي الدوري المحلي",
        body: "فاز فريق المدينة بنتيجة هدفين مقابل هدف في نهائي الدوري المحلي، أمام جمهور ملأ الملعب البلدي.\n\nوسجّل الهدف الثاني لاعب في السابعة عشرة من عمره، في الدقائق الأخيرة من المباراة. #رياضة",
        featured: false,
        days_ago: 12,
    },
];

const ABOUT_PAGE: &str = "منبر الحي موقع تجريبي يعرض ما تستطيعه منصة **منبر**: أخبار محلية قصيرة، ووسوم تجمع القصص، وتعليقات يديرها المحررون.\n\nكل ما في هذا الموقع نصوص كتبناها للتجربة، ولا تصف أحداثًا حقيقية.";

/// Fills a fresh data directory with the demo site and serves it; removes it on exit.
pub async fn run(listen: &str) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("minbar-demo-{}", std::process::id()));
    let store = Store::open(&dir, None).await?;
    fill(&store)
        .await
        .context("cannot write the demo content")?;
    // An editor's account with a fresh password, so the admin can be tried too.
    let password = minbar_ops::secrets::random_hex(8);
    let account = minbar_ops::users::NewUser {
        name: "محرر التجربة".to_owned(),
        email: "demo@minbar.local".to_owned(),
        role: "admin".to_owned(),
        password: password.clone(),
    };
    minbar_ops::users::add(&store, minbar_ops::Actor::Operator, &account)
        .await
        .map_err(crate::site::error_of)?;
    eprintln!("demo data in {} (removed on exit)", dir.display());
    eprintln!("admin: http://{listen}/admin/ as demo@minbar.local, password {password}");
    let served = crate::serve(store, &dir, listen, Default::default()).await;
    if let Err(error) = std::fs::remove_dir_all(&dir) {
        eprintln!("warning: could not remove {}: {error}", dir.display());
    }
    served
}

async fn fill(store: &Store) -> Result<()> {
    let site = Site {
        title: "منبر الحي".to_owned(),
        about: "أخبار الحي كما يرويها أهله، من قلب المدينة. نحن هنااااا!".to_owned(),
        locale: "ar-SY".to_owned(),
        moderation: ModerationMode::FirstTime,
        outside_comments: Some(OutsideComments::Facebook),
        base_url: None,
        secret: minbar_ops::secrets::random_hex(32),
        style: minbar_content::DateStyle {
            hijri: Some(0),
            ..minbar_content::DateStyle::default()
        },
        facebook_app_id: None,
        comments_close_days: None,
        time_zone: minbar_content::clock::default_zone("ar-SY").to_owned(),
    };
    minbar_store::site::save(store, &site).await?;
    let author = minbar_store::authors::ensure(store, "فريق التحرير").await?;
    let now = minbar_store::now();
    let mut first_post = None;
    for post in POSTS {
        let input = PostInput {
            title: post.title.to_owned(),
            body: post.body.to_owned(),
            format: BodyFormat::Markdown,
            labels: vec!["أخبار محلية".to_owned()],
            featured: post.featured,
            draft: false,
            published_at: now - post.days_ago * 86_400,
        };
        let (new_post, _) = compose_post(&input)?;
        let stored = minbar_store::posts::insert(store, &new_post, Some(author)).await?;
        first_post.get_or_insert(stored.id);
    }
    if let Some(original) = first_post {
        // The first story in Kurdish Sorani too, linked as its translation: its own page at
        // /ckb/, its own feed, and "read in" links both ways.
        let (mut kurdish, _) = compose_post(&PostInput {
            title: "بازاڕی نوێی شار کرایەوە".to_owned(),
            body: "بازاڕی نوێی شار ئەمڕۆ کرایەوە و دوکاندارانی گەڕەک یەکەم ڕۆژیان بەڕێکرد."
                .to_owned(),
            format: BodyFormat::Markdown,
            labels: Vec::new(),
            featured: false,
            draft: false,
            published_at: now - POSTS[0].days_ago * 86_400,
        })?;
        kurdish.language = Some("ckb".to_owned());
        kurdish.translation_of = Some(original);
        minbar_store::posts::insert(store, &kurdish, Some(author)).await?;
    }
    let (page, _) = compose_page("من نحن", Some("about"), ABOUT_PAGE, BodyFormat::Markdown)?;
    minbar_store::pages::insert(store, &page).await?;
    if let Some(post_id) = first_post {
        // A short thread: a question, a reply to it and an answer to the reply.
        let mut parent = None;
        for (name, body) in [
            (
                "أم خالد",
                "خبر جميل، السوق القديم كان ضيقًا جدًا.\nنتمنى أن تبقى الأسعار معقولة.",
            ),
            ("سامر", "هل يفتح السوق في المساء أيضًا؟"),
            ("أم خالد", "نعم يا سامر، حتى العاشرة ليلًا في رمضان."),
        ] {
            let comment = NewComment {
                post_id,
                parent_id: parent,
                author_name: name.to_owned(),
                author_key: None,
                body: body.to_owned(),
                status: CommentStatus::Published,
                ip: None,
                user_id: None,
                spam: Default::default(),
                fingerprint: minbar_content::comments::fingerprint(body),
            };
            parent = Some(minbar_store::comments::insert(store, &comment).await?.id);
        }
    }
    Ok(())
}
