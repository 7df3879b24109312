# Northern Kurdish (Kurmanji) messages: Latin script (Hawar), left to right. Plural forms follow
# CLDR (chosen by ICU4X, passed as `$count_plural`): one, other.
skip-to-content = Derbasî naverokê bibe
site-navigation = Rûpelên malperê
home = Destpêk
featured-posts = Nivîsên bijarte
latest-posts = Nivîsên herî nû
no-posts = Hêj tu nivîs tune.
read-more = Zêdetir bixwîne
older-posts = Nivîsên kevntir
newer-posts = Nivîsên nûtir
pagination = Rûpel
page-of = Rûpel { $page } ji { $pages }
about-heading = Derbarê { $site } de
labels-heading = Etîket
label-heading = Nivîsên bi etîketa { $label }
archive-heading = Arşîv: { $month }
published-on = Dîroka weşanê:
by-author = Nivîskar: { $author }
posts-count = { $count_plural ->
    [one] Yek nivîs
   *[other] { $count } nivîs
}
share-heading = Vê nivîsê parve bike
share-whatsapp = WhatsApp
share-telegram = Telegram
share-facebook = Facebook
share-x = X
share-copy = Girêdanê kopî bike
share-copied = Girêdan hat kopîkirin
share-device = Parve bike…
comments-heading = Şîrove
comments-count = { $count_plural ->
    [one] Yek şîrove
   *[other] { $count } şîrove
}
comments-tabs = Çavkaniya şîroveyan
comments-tab-site = Şîroveyên malperê
comments-tab-facebook = Şîroveyên Facebookê
comments-none = Şîroveya yekem binivîse.
comment-form-heading = Şîroveyekê binivîse
comment-name = Nav
comment-email = E-name (vebijarkî, qet nayê nîşandan)
comment-body = Şîrove
comment-honeypot = Vê qadê vala bihêle
comment-submit = Şîroveyê bişîne
comment-pending = Spas! Piştî ku edîtorek li şîroveya te binêre, ew ê xuya bibe.
comment-published = Spas! Şîroveya te hat weşandin.
error-comment-empty = Şîrove vala ye: berî şandinê tiştekî binivîse.
error-comment-too-long = Şîrove ji { $max } tîpan dirêjtir e: wê kurt bike û dîsa bişîne.
error-name-empty = Berî şandinê navê xwe binivîse.
error-name-too-long = Nav ji { $max } tîpan dirêjtir e.
error-email-invalid = Navnîşana e-nameyê ne derbasdar e.
error-404-title = Rûpel nehat dîtin
error-404-body = Tiştê ku tu lê digerî me nedît: dibe ku hatibe guhestin an jêbirin.
error-403-title = Daxwaz hat redkirin
error-403-body = Dema formê derbas bûye an ji derveyî malperê hatiye şandin. Rûpelê nû bike û dîsa biceribîne.
error-400-title = Daxwaza xelet
error-400-body = Daxwaz nehat fêmkirin. Rûpelê nû bike û dîsa biceribîne.
error-413-title = Daxwaz pir mezin e
error-413-body = Tiştê ku te şandiye ji ya ku malper qebûl dike mezintir e. Wê kurt bike û dîsa biceribîne.
error-500-title = Xeletiyek çêbû
error-500-body = Li aliyê me xeletiyek çêbû û ew hat qeydkirin. Piştî demekê dîsa biceribîne.
error-503-title = Malper ne amade ye
error-503-body = Malper hêj nehatiye sazkirin. Divê rêveberê pêşkêşkar fermana minbar init bixebitîne.
error-unavailable-title = Malper ji bo kêliyekê mijûl e
error-unavailable-body = Niha em nikarin bigihîjin danegehê. Tiştek ji vê daxwazê nehat tomarkirin; piştî çend çirkeyan dîsa biceribîne.
error-full-title = Ji bo tomarkirinê cih tune
error-full-body = Dîska pêşkêşkar tije ye, ji ber vê yekê tiştê ku te şand nehat tomarkirin. Rêveberê pêşkêşkar di qeydan de hat agahdarkirin; paşê dîsa biceribîne.
back-home = Vegere rûpela destpêkê
powered-by = Bi Minbar dixebite
search-title = Lêgerîn
search-heading = Encamên ji bo “{ $query }”
search-label = Di vê malperê de bigere
search-button = Lê bigere
search-hint = Yek an çend peyvan binivîse. Ji bo ku hevokek wek xwe were dîtin, wê têxe nav "bi vî awayî", û ji bo ku peyvek were derxistin, - deyne ber wê. Tîpên mezin û biçûk ne girîng in.
search-count = { $count_plural ->
    [one] Yek encam
   *[other] { $count } encam
}
search-none = Tiştek li gorî lêgerîna te nehat dîtin. Peyvên kêmtir an giştîtir biceribîne.
search-truncated = Lêgerîna te ji ya ku em dixwînin dirêjtir bû, ji ber vê yekê me bi { $limit } tîpên wê yên pêşîn lê geriya.
previous-results = Encamên berê
more-results = Encamên din
admin-title = Rêveberî
admin-navigation = Lîsteya rêveberiyê
admin-dashboard = Panela kontrolê
admin-posts = Nivîs
admin-view-site = Malperê bibîne
admin-filter = Li gorî rewşê parzûn bike
admin-col-title = Sernav
admin-col-status = Rewş
admin-col-date = Dîrok
admin-jobs = Karên li paşxaneyê
admin-job = Kar
admin-job-next = Xebitandina bê
admin-job-state = Rewş
admin-job-ok = Bê xeletî xebitî
admin-job-running = Li ser { $node } dixebite
admin-job-failed = { $count_plural ->
    [one] Carekê têk çû
   *[other] { $count } caran li pey hev têk çû
}
job-publish-due = Weşandina nivîsên bernamekirî
job-forget-addresses = Jêbirina navnîşanên kevn ên şîrovekaran
job-purge = Paqijkirina bîrên demkî yên pêşîn
admin-pending-comments = { $count_plural ->
    [one] Yek şîrove li benda venêrînê ye
   *[other] { $count } şîrove li benda venêrînê ne
}
status-all = Hemû
status-draft = Reşnivîs
status-published = Weşandî
role-admin = Rêveber
role-editor = Edîtor
role-author = Nivîskar
signin-title = Têketin
signin-email = E-name
signin-password = Şîfre
signin-button = Têkeve
signin-failed = E-name an şîfre xelet e.
signin-throttled = Gelek hewldanên têkçûyî hebûn. Çaryek saetê bisekine û dîsa biceribîne.
signout-button = Derkeve
status-review = Di venêrînê de
status-scheduled = Bernamekirî
admin-new-post = Nivîsa nû
editor-new-title = Nivîsa nû
editor-edit-title = Guherandina nivîsê
editor-view-post = Nivîsê li ser malperê bibîne
editor-field-title = Sernav
editor-field-body = Deq (Markdown)
editor-field-body-html = Deq (HTML)
editor-field-labels = Etîket (bi bêhnokê ji hev veqetîne)
editor-field-status = Rewş
editor-field-publish-at = Dema weşanê ({ $zone })
editor-field-featured = Nivîsa bijarte
editor-save = Tomar bike
editor-preview = Pêşdîtin
editor-preview-heading = Pêşdîtin
editor-revisions = Guhertoyên berê
editor-restore = Vegerîne
editor-error-empty-title = Sernav vala ye.
editor-error-long-title = Sernav ji 300 tîpan dirêjtir e.
editor-error-empty-body = Deq vala ye.
admin-media = Wêne
media-title = Wêne
media-upload = Wêneyekî bar bike
media-field-file = Wêne (JPEG, PNG, WebP an GIF, heta { $max } MB)
media-upload-button = Bar bike
media-note = Daneyên cih û kamerayê (EXIF, GPS, XMP, IPTC) berî tomarkirinê ji her wêneyî tên jêbirin.
media-copy-hint = Vê rêzê kopî bike û têxe nav nivîsekê:
media-none = Hêj tu wêne tune.
media-error-not-image = Pel ne wêneyekî JPEG, PNG, WebP an GIF e.
media-error-too-large = Pel ji sînorê destûrdayî mezintir e.
media-error-too-many-pixels = Wêne ji ya ku em dikarin vekin mezintir e.
media-error-damaged = Wêne nehat xwendin; dibe ku pel xirabûyî be.
media-error-storage = Wêne nehat tomarkirin. Paşê dîsa biceribîne.
media-error-full = Dîska pêşkêşkar tije ye, ji ber vê yekê wêne nehat tomarkirin. Rêveberê pêşkêşkar agahdar bike, û gava cih vala bû dîsa biceribîne.
media-error-no-file = Wêneyekî ji bo barkirinê hilbijêre.
admin-comments = Şîrove
admin-settings = Mîheng
admin-users = Bikarhêner
comment-status-pending = Li bendê
comment-status-published = Weşandî
comment-status-spam = Nexwestî
moderate-approve = Bipejirîne
moderate-spam = Nexwestî
moderate-delete = Jê bibe
comments-queue-empty = Li vir tu şîrove tune.
settings-title = Navê malperê
settings-about = Derbarê malperê de
settings-locale = Ziman û herêm
settings-moderation = Çavdêriya şîroveyan
settings-outside = Beşa şîroveyên derve
settings-base-url = Navnîşana giştî
moderation-open = Yekser tên nîşandan
moderation-first-time = Şîroveya yekem a her şîrovekarî li benda pejirandinê dimîne
moderation-all = Her şîrove li benda pejirandinê dimîne
outside-none = Tune
outside-facebook = Facebook
settings-error-title = Navê malperê vala ye an ji 120 tîpan dirêjtir e.
settings-error-about = Deqa derbarê malperê ji 2000 tîpan dirêjtir e.
settings-error-locale = Ew ziman nayê piştgirîkirin.
settings-error-moderation = Awayê çavdêriyê nenas e.
settings-error-outside = Dabînkerê şîroveyan nenas e.
settings-error-base-url = Divê navnîşan bi https:// an http:// dest pê bike.
users-name = Nav
users-email = E-name
users-role = Rol
users-password = Şîfre (herî kêm 10 tîp)
users-add = Bikarhênerekî lê zêde bike
users-add-button = Lê zêde bike
users-error-name = Nav vala ye an ji 80 tîpan dirêjtir e.
users-error-email = Navnîşana e-nameyê ne derbasdar e.
users-error-role = Rola nenas.
users-error-password = Şîfre ji 10 tîpan kurttir e an pir dirêj e.
users-error-taken = Jixwe bikarhênerekî bi vê e-nameyê heye.
admin-tokens = Kilîtên API
tokens-intro = Ji bo her sepan an skrîptekê ku bi rêya /api/v1 bi navê te diweşîne, kilîtek (rave li /api/v1/openapi.json e).
tokens-name = Navê kilîtê
tokens-create = Kilîtekê biafirîne
tokens-new = Kilîta te ya nû. Niha kopî bike: ew ê careke din neyê nîşandan:
tokens-revoke = Betal bike
tokens-none = Hêj tu kilît tune.
editor-restored-unsaved = Deqa ku te li vir nivîsandibû û tomar nekiribû vegeriya. Kontrol bike, paşê tomar bike.
admin-pages = Rûpel
pages-new = Rûpela nû
pages-edit = Guherandina rûpelê
pages-slug = Nav di navnîşanê de (vebijarkî)
pages-error-slug-taken = Jixwe rûpelek bi vî navî di navnîşana xwe de heye.
pages-none = Hêj tu rûpel tune.
settings-months = Navên mehan
settings-digits = Reqemên di dîrokan de
settings-facebook-app-id = Nasnameya sepana Facebookê (vebijarkî)
months-locale = Li gorî ziman û herêmê
months-levantine = Şamî (كانون الثاني، شباط، آذار)
months-egyptian = Misrî (يناير، فبراير، مارس)
digits-latn = 0123456789
digits-arab = ٠١٢٣٤٥٦٧٨٩
settings-error-digits = Reqemên nenas.
settings-error-months = Navên mehan ên nenas.
settings-error-app-id = Nasnameya sepanê tenê ji reqeman pêk tê.
admin-search-titles = Di sernavan de bigere
editor-field-excerpt = Kurte (vebijarkî; dema vala be ji deqê tê girtin)
editor-field-cover = Wêneyê bergê (rêza wêneyî ji rûpela Wêneyan bizeliqîne)
editor-error-cover = Wêneyê bergê ne yek ji wêneyên ku li malperê hatine barkirin e.
editor-error-excerpt = Kurte ji 300 tîpan dirêjtir e.
editor-error-status = Rewşa nivîsê nenas e: reşnivîs, venêrîn, bernamekirî an weşandî.
editor-error-labels = Nivîsek herî zêde 50 etîketan digire.
users-remove = Hesabê jê bibe
users-error-last-admin = Divê herî kêm rêveberek li malperê bimîne.
users-error-self = Tu nikarî hesabê ku tu pê têketî jê bibî.
feed-comment-title = Şîroveya { $author } li ser “{ $post }”
feed-comments-title = Şîroveyên li { $site }
feed-post-comments-title = Şîroveyên li ser “{ $post }”
comments-tab-telegram = Gotûbêja Telegramê
comments-outside-notice-facebook = Heta ku tu vê beşê venekî, tiştek ji Facebookê nayê barkirin.
comments-outside-notice-telegram = Heta ku tu vê beşê venekî, tiştek ji Telegramê nayê barkirin.
comments-outside-link-telegram = Gotûbêjê li Telegramê veke
comment-staff = Desteya edîtoriyê
comment-edited = ji aliyê edîtoran ve hatiye guherandin
comment-reply = Bersiv bide
comment-reply-cancel = Bersivê betal bike
comment-replying-to = Bersiv ji { $name } re
comments-pages = Rûpelên şîroveyan
comments-earlier = Şîroveyên kevntir
comments-later = Şîroveyên nûtir
comments-closed = Şîrove li ser vê nivîsê hatine girtin.
comments-feed = Şîroveyên li ser vê nivîsê bişopîne (Atom)
error-form-expired = Dema formê derbas bû, an geroka te cookie negirt. Deqa te li jêr parastî ye: kêliyekê bisekine û dîsa bişîne.
error-too-fast = Şîrove ji nivîsandina mirovan zûtir gihîşt. Kêliyekê bisekine û dîsa bişîne; deqa te li jêr parastî ye.
error-banned = Ev malper ji tora te şîroveyan qebûl nake. Heke tu difikirî ku ev xeletiyek e, ji edîtoran re binivîse.
error-staff-name = Ev nav yê endamekî desteya edîtoriyê ye. Navekî din hilbijêre.
error-too-many-links = Di şîroveyê de gelek girêdan hene: herî zêde { $max }. Hinekan jê bibe û dîsa bişîne.
error-rate-address = Te di demeke kurt de gelek şîrove şandin. Çend xulekan bisekine û dîsa bişîne; deqa te li jêr parastî ye.
error-rate-site = Malper niha gelek şîroveyan distîne. Xulekekê bisekine û dîsa bişîne; deqa te li jêr parastî ye.
error-duplicate = Te ev şîrove berê şandibû, ji ber vê yekê ew nayê dubarekirin.
error-comments-closed = Şîrove li ser vê nivîsê hatine girtin, ji ber vê yekê şîroveya te nehat tomarkirin. Deqa te li jêr parastî ye.
error-reply-gone = Şîroveya ku tu bersiva wê didî êdî nayê nîşandan. Deqa te li jêr parastî ye: wê wek şîroveyeke nû bişîne.
comment-status-rejected = Redkirî
moderate-reject = Red bike
moderate-edit = Biguherîne
moderate-ban = { $range } qedexe bike
spam-score = Asta nexwestîbûnê: { $score }
spam-reason-blocked-word = Peyveke qedexe tê de heye: { $detail }
spam-reason-links = Girêdan tê de hene: { $detail }
spam-reason-link-in-name = Girêdan di navê de
spam-reason-fast = { $detail } çirke piştî vebûna rûpelê hat şandin
spam-reason-no-letters = Tu tîp tê de tune
spam-reason-bad-encoding = Tîpên xirabûyî tê de hene
spam-reason-address-spam = Şîroveyên berê yên ji vê navnîşanê nexwestî bûn: { $detail }
bans-title = Qedexe
bans-kind = Cure
bans-kind-word = Peyv
bans-kind-address = Rêzeya navnîşanan
bans-value = Peyv an rêze (wek 203.0.113.0/24)
bans-add = Lê zêde bike
bans-remove = Rake
bans-none = Tiştek nehatiye qedexekirin.
bans-error-range = Ne rêze ye: navnîşanek an rêzeyeke wek 203.0.113.0/24 binivîse.
bans-error-word = Peyv vala ye an ji 100 tîpan dirêjtir e.
settings-close-days = Şîroveyan ev qas roj piştî weşanê bigire (vala: qet)
settings-error-close-days = Ne hejmara rojan e: ji 1 heta 3650 binivîse, an vala bihêle.
settings-error-unknown = Mîhengek bi vî navî tune.
outside-telegram = Telegram
discussion-heading = Gotûbêj
discussion-closed = Şîroveyan li ser vê nivîsê bigire
discussion-telegram = Peyama kanala Telegramê ya ku gotûbêja wê tê nîşandan
discussion-save = Tomar bike
discussion-error-telegram = Ne girêdana Telegramê ye: wê wek https://t.me/channel/123 bizeliqîne.
comment-send-failed = Nehat şandin: pêwendiya xwe kontrol bike û dîsa biceribîne. Deqa te hêj li vir e.
error-cross-site = Form ji derveyî vê malperê hat, ji ber vê yekê nehat tomarkirin. Deqa te li jêr parastî ye: wê ji rûpela nivîsê bişîne.

## The newsroom's clock
settings-time-zone = Herêma demê
settings-time-zone-hint = Navekî ji danegeha IANA wek Europe/Istanbul an Asia/Damascus. Dîrok, navnîşanên nivîsên nû û demên weşanê vê herêmê bi kar tînin; navnîşanên nivîsên weşandî naguherin.
settings-error-time-zone = Herêma demê nenas e: navekî ji lîsteyê hilbijêre, wek Asia/Damascus.
settings-hijri = Dîroka koçî
hijri-off = Nayê nîşandan
hijri-on = Li kêleka dîroka zayînî tê nîşandan (Umm al-Qura)
settings-hijri-adjust = Rastkirina dîroka koçî bi rojan (ji bo dîtina heyvê ya herêmî)
hijri-adjust-none = 0 (wek Umm al-Qura)
settings-error-hijri = Mîhenga dîroka koçî ne rast e: nîşandan an nenîşandan hilbijêre, û rastkirinek ji -2 heta 2 rojan.
editor-error-publish-at = Dema weşanê nehat xwendin: wê wek 2026-09-01 08:30 binivîse.
editor-error-publish-at-skipped = Ev dem di herêma demê ya malperê de tune ye: saet ji bo dema havînê wê derbas dike. Demek berî an piştî wê hilbijêre.

## Posts in several languages
editor-field-language = Zimanê nivîsê
editor-language-site = Zimanê malperê
editor-field-translation-of = Wergera nivîsa hejmar
editor-translation-hint = Hejmara nivîsekê bi zimanekî din ku ev nivîs wergera wê ye; her yek dê girêdanê bide ya din. Wergerên niha:
editor-error-language = Zimanê nenas: Erebî, Kurdî (Soranî an Kurmancî) an Îngilîzî hilbijêre.
editor-error-translation-missing = Nivîsek bi vê hejmarê tune ye ku wek werger were girêdan.
editor-error-translation-same = Nivîsa hilbijartî bi heman zimanî ye: werger bi zimanekî din e.
editor-error-translation-taken = Ji wê nivîsê re berê wergerek bi vî zimanî heye.
read-in = Bi zimanekî din bixwîne:

## Corrections and updates
note-correction = Rastkirin
note-update = Nûkirin
note-error-empty = Nivîsa rastkirinê an nûkirinê binivîse.
note-error-long = Nivîs ji 2000 tîpan dirêjtir e.
note-error-kind = Rastkirinek an nûkirinek hilbijêre, li jor an jêra nivîsê.
note-error-unpublished = Tenê nivîsa weşandî rastkirin û nûkirinan digire.
notes-title = Rastkirin û nûkirin
notes-back-to-editor = Vegere edîtorê
notes-none = Ji vê nivîsê re tu rastkirin an nûkirin tune ne.
notes-add = Rastkirinek an nûkirinek zêde bike
note-field-kind = Cure
note-field-placement = Cihê wê di nivîsê de
note-placement-top = Li jora nivîsê
note-placement-bottom = Li jêra nivîsê
note-field-body = Nivîs
corrections-title = Rastkirin
corrections-intro = Em şaşiyên xwe bi eşkereyî rast dikin: hemû rastkirin û nûkirinên tiştên ku me weşandine, yên herî nû pêşî.
corrections-empty = Hêj tu rastkirin tune ne.
admin-notes-link = Rastkirin û nûkirin

## Visual editor
visual-field-body = Nivîs
visual-toolbar = Formatkirin
visual-paragraph = Paragraf
visual-heading = Sernav
visual-subheading = Binsernav
visual-bold = Qalind
visual-italic = Xwar
visual-link = Girêdan
visual-quote = Jêgirtin
visual-bullets = Lîsteya bi xalan
visual-numbers = Lîsteya bi hejmaran
visual-edit-as-text = Wek nivîs biguherîne
visual-edit-visually = Vegere edîtora dîtbar
visual-link-address = Navnîşana girêdanê, wek https://example.org
visual-link-apply = Girêdanê zêde bike
visual-link-cancel = Betal bike
visual-error-link = Girêdan nehat zêdekirin: tenê navnîşanên malperan (https an http) û e-nameyê (mailto) tên qebûlkirin. Nivîsa te wek xwe ye.
visual-error-too-large = Tiştek nehat pêvekirin, ji ber ku tiştê te kopî kiriye ji 1 MB mezintir e. Nivîsa te wek xwe ye; beşeke piçûktir pêve bike.
visual-error-unsupported = Di vê nivîsê de formatek heye ku edîtora dîtbar nikare nîşan bide (tablo, kod an jêrenot), loma wek nivîs dimîne û tiştek winda nabe.
visual-error-unavailable = Edîtora dîtbar niha venebû (gelo girêdan qut bûye?). Li vir wek nivîs binivîse, an dîsa biceribîne.
visual-embed = Şandiyekê têxe
visual-embed-address = Girêdana şandiyê li ser YouTube, X, Facebook, Instagram an Telegram
visual-embed-apply = Şandiyê lê zêde bike
visual-error-embed-unknown = Ev girêdan nayê têxistin: tenê şandiyek ji YouTube, X, Facebook, Instagram an Telegram tê têxistin. Nivîsa te wek xwe ye; tu dikarî bi bişkoka «Girêdan» wek girêdaneke asayî lê zêde bikî.
visual-error-offline = Girêdan niha nehat kontrolkirin (gelo girêdana înternetê qut bûye?). Nivîsa te wek xwe ye; dîsa biceribîne.
visual-embed-added = Şandî hat zêdekirin; xwîner cihgirekê dibînin ku heta ew pê nekin tiştek jê bar nabe.
visual-embed-pasted = Ev girêdan bi tena serê xwe di rêza xwe de ye, ji ber vê xwîner wê wek şandiyeke têxistî dibînin ku tenê bi tikandinê bar dibe.

## Embeds
embed-load = Li vir nîşan bide (tenê dema were pêlkirin ji xizmetê tê barkirin)

## Dashboard
dashboard-attention = Baldariya te hewce dike
dashboard-failed-jobs = { $count_plural ->
    [one] Karek bi ser neket
   *[other] { $count } kar bi ser neketin
}
dashboard-in-review = { $count_plural ->
    [one] Nivîsek li benda venêrînê ye
   *[other] { $count } nivîs li benda venêrînê ne
}
dashboard-scheduled-soon = { $count_plural ->
    [one] Nivîsek di nav 24 saetan de tê weşandin
   *[other] { $count } nivîs di nav 24 saetan de tên weşandin
}
dashboard-review-heading = Li benda venêrînê
dashboard-scheduled-heading = Di nav 24 saetan de tê weşandin
dashboard-none = Niha tiştek li vir tune ye.
dashboard-drafts = Reşnivîsên te
dashboard-no-drafts = Reşnivîsên te tune ne.
dashboard-newest = Nivîsên herî nû
dashboard-edit = Biguherîne
dashboard-counts = Nivîs li gorî rewşê

## Saving without losing a word
editor-others-editing = Niha vê nivîsê jî diguherîne:
editor-autosaved = Reşnivîs bixweber hat tomarkirin di saet
editor-offline = Niha girêdan tune ye: nivîsa te di vê gerokê de tê parastin û dema girêdan vegere tê şandin.
editor-kept-in-browser = Nivîs weşandî ye: guhertinên te di vê gerokê de dimînin heta ku tu «Tomar bike» pêl bikî.
editor-autosave-failed = Tomarkirina bixweber bi ser neket; nivîsa te di vê gerokê de tê parastin.
editor-error-conflict = Kesekî din ev nivîs piştî ku te ew vekir tomar kir, ji ber vê yekê guhertoya wî nehat jêbirin. Her du guhertoyan li jêr bide ber hev: nivîsa te hêj di formê de ye; ji bo ku bimîne dîsa tomar bike.
editor-conflict-theirs = Guhertoya tomarkirî ya nûtir
editor-conflict-yours = Guhertoya te, wek ku di formê de ye

## Photos in the editor
photo-add = Wêne
photo-library = Wêneyên berê
photo-details = Derbarê vî wêneyî
photo-alt = Wêne çi nîşan dide (ji bo yên ku nabînin)
photo-alt-hint = Ya girîng bi hevokekê bêje; tenê heke wêne ji bo xemilandinê be vala bihêle.
photo-decorative = Ji bo xemilandinê: tiştekî ku xwendevan jê bêpar bimîne lê zêde nake
photo-caption = Binnivîs (heta 1000 tîp)
photo-credit = Wênegir (heta 200 tîp)
photo-credit-example = Wêne: nav
photo-insert = Têxe nav nivîsê
photo-set-cover = Bike wêneyê bergê
photo-cover-set = Wêneyê bergê hat danîn; bi nivîsê re tê tomarkirin.
photo-library-title = Wêneyên berê, yê herî nû pêşî
photo-library-empty = Hêj tu wêne nehatine barkirin.
photo-library-close = Bigire
photo-library-error = Wêne niha nehatin nîşandan (girêdan qut bûye?). Dîsa biceribîne.
photo-error-upload = Wêne nehat barkirin. Nivîsa te wek xwe ye; dîsa biceribîne.
photo-retrying = Girêdan qut bû; dîsa tê ceribandin…
photo-offline = Girêdan tune: wêne dê gava vegere were şandin.
photo-uploading = Tê barkirin…
photo-uploaded = Hat barkirin.
photo-error-alt = Bêje wêne çi nîşan dide, an «ji bo xemilandinê» hilbijêre.
photo-error-caption-long = Binnivîs ji 1000 tîpan dirêjtir e: kurt bike.
photo-error-credit-long = Navê wênegir ji 200 tîpan dirêjtir e: kurt bike.
