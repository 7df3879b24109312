//! The stemmer's rules and the hamza merges through the real index: every spelling and every
//! form of a word finds the same posts, whichever of them the post was written with, and a word
//! that only looks like another finds only its own. Each rule is named as in the module doc of
//! `minbar_text`'s stemmer; the words are used by no other test.

use super::{DAY, Fixture, NOW};

/// An index holding one post for each `(title, body)`.
async fn index_of(posts: &[(&str, &str)]) -> Fixture {
    let f = Fixture::new().await;
    for (age, (title, body)) in (1..).zip(posts) {
        f.post(title, body, &[], NOW - age * DAY).await;
    }
    f.sync().await;
    f
}

/// Asserts that each query finds exactly the posts titled `expected`, in any order.
async fn each_finds(f: &Fixture, queries: &[&str], expected: &[&str]) {
    let mut expected: Vec<String> = expected.iter().map(|t| t.to_string()).collect();
    expected.sort();
    for query in queries {
        let mut found = f.titles(query).await;
        found.sort();
        assert_eq!(found, expected, "{query}");
    }
}

#[tokio::test]
async fn every_hamza_seat_finds_the_others() {
    let f = index_of(&[
        (
            "اللجنة تتحمل المسئولية",
            "قالت اللجنة إنها تتحمل المسئولية كاملة.",
        ),
        ("المسؤولية على الجميع", "لا أحد خارج المسؤولية."),
        ("تساؤلات عن الموازنة", "طرح النواب تساؤلات كثيرة."),
        ("تسائلات النواب", "ما زالت التسائلات بلا جواب."),
    ])
    .await;
    each_finds(
        &f,
        &["مسؤولية", "مسئولية", "المسءولية", "مسولية", "ومسؤولية"],
        &["اللجنة تتحمل المسئولية", "المسؤولية على الجميع"],
    )
    .await;
    // After alef, `ؤ`, `ئ` and `ء` are one seat.
    each_finds(
        &f,
        &["تساؤلات", "تسائلات", "تساءلات", "التساؤلات"],
        &["تساؤلات عن الموازنة", "تسائلات النواب"],
    )
    .await;
}

#[tokio::test]
async fn a_prefix_letter_comes_off_only_a_stem_of_four_letters() {
    let f = index_of(&[
        ("منح وسام الشجاعة", "تسلم المسعف الوسام أمس."),
        ("تسرب غاز سام", "أغلق المصنع بعد التسرب."),
        ("الحمولة في الميناء", "وصلت الحمولة ومخازن الميناء ممتلئة."),
    ])
    .await;
    // A stem of three letters after `و`: the `و` is the word's own (rule 2), so `وسام` (medal)
    // meets `الوسام` and not `سام` (toxic).
    each_finds(&f, &["وسام", "الوسام", "بالوسام"], &["منح وسام الشجاعة"]).await;
    each_finds(&f, &["سام"], &["تسرب غاز سام"]).await;
    // A stem of four letters or more: the letter comes off, and an article after it (rules 3, 4).
    each_finds(
        &f,
        &["مخازن", "المخازن", "بالمخازن", "وبالمخازن"],
        &["الحمولة في الميناء"],
    )
    .await;
}

#[tokio::test]
async fn stacked_endings_all_come_off() {
    let f = index_of(&[
        ("المبعوثة تنهي مشاوراتها", "انتهت الجولة الأخيرة."),
        ("الصحفي ينشر تحقيقاته", "نشرت الصحيفة الملف كاملاً."),
    ])
    .await;
    each_finds(
        &f,
        &["مشاورات", "المشاورات", "مشاورة", "للمشاورات"],
        &["المبعوثة تنهي مشاوراتها"],
    )
    .await;
    // `ه` comes off before `ات` can: only a second pass finds the plural (rule 5).
    each_finds(
        &f,
        &["تحقيق", "التحقيقات", "تحقيقات", "بتحقيقاته"],
        &["الصحفي ينشر تحقيقاته"],
    )
    .await;
}

#[tokio::test]
async fn a_feminine_finds_its_masculine_and_back() {
    let f = index_of(&[
        ("سفينة ضخمة", "رست في الخليج."),
        ("مشروع ضخم", "بدأ العمل فيه."),
        ("قرية بعيدة", "لا تصلها الكهرباء."),
        ("مكان بعيد", "لا يصله أحد."),
        ("امرأة غضبانة", "رفعت صوتها."),
        ("رجل غضبان", "خرج من القاعة."),
        ("الذاكرة الوطنية", "أرشيف للصور القديمة."),
        ("نشيد وطني", "غناه الأطفال."),
    ])
    .await;
    each_finds(
        &f,
        &["ضخم", "ضخمة", "الضخمة", "الضخم"],
        &["سفينة ضخمة", "مشروع ضخم"],
    )
    .await;
    // A word that begins with a prefix letter keeps it in every form (rule 2).
    each_finds(
        &f,
        &["بعيد", "بعيدة", "البعيدة"],
        &["قرية بعيدة", "مكان بعيد"],
    )
    .await;
    each_finds(
        &f,
        &["وطني", "وطنية", "الوطنية", "الوطني"],
        &["الذاكرة الوطنية", "نشيد وطني"],
    )
    .await;
    // `ان` comes off only after `ة` did (rule 5).
    each_finds(&f, &["غضبان", "غضبانة"], &["امرأة غضبانة", "رجل غضبان"]).await;
}
