# English messages.
skip-to-content = Skip to content
site-navigation = Site pages
home = Home
featured-posts = Featured posts
latest-posts = Latest posts
no-posts = No posts yet.
read-more = Read more
older-posts = Older posts
newer-posts = Newer posts
pagination = Pages
page-of = Page { $page } of { $pages }
about-heading = About { $site }
labels-heading = Tags
label-heading = Posts tagged { $label }
archive-heading = Archive: { $month }
published-on = Published on
by-author = By { $author }
posts-count = { $count_plural ->
    [one] One post
   *[other] { $count } posts
}
share-heading = Share this post
share-whatsapp = WhatsApp
share-telegram = Telegram
share-facebook = Facebook
share-x = X
share-copy = Copy link
share-copied = Link copied
share-device = Share…
comments-heading = Comments
comments-count = { $count_plural ->
    [one] One comment
   *[other] { $count } comments
}
comments-tabs = Comment source
comments-tab-site = Site comments
comments-tab-facebook = Facebook comments
comments-none = Be the first to comment.
comment-form-heading = Post a comment
comment-name = Name
comment-email = E-mail (optional, never shown)
comment-body = Comment
comment-honeypot = Leave this field empty
comment-submit = Post comment
comment-pending = Thank you! Your comment will appear once an editor has reviewed it.
comment-published = Thank you! Your comment is published.
error-comment-empty = The comment is empty: write something before sending.
error-comment-too-long = The comment is longer than { $max } characters: shorten it and send it again.
error-name-empty = Write your name before sending.
error-name-too-long = The name is longer than { $max } characters.
error-email-invalid = The e-mail address is not valid.
error-404-title = Page not found
error-404-body = We could not find what you were looking for: it may have moved or been deleted.
error-403-title = Request refused
error-403-body = The form has expired or was sent from outside the site. Reload the page and try again.
error-400-title = Bad request
error-400-body = The request could not be understood. Reload the page and try again.
error-413-title = Request too large
error-413-body = What you sent is larger than the site accepts. Shorten it and try again.
error-500-title = Something went wrong
error-500-body = Something went wrong on our side and it was logged. Try again in a moment.
error-503-title = Site not ready
error-503-body = The site is not set up yet. The operator must run minbar init.
error-unavailable-title = The site is busy for a moment
error-unavailable-body = The database cannot be reached just now. Nothing from this request was saved; try again in a few seconds.
error-full-title = No room to save
error-full-body = The server's disk is full, so what you sent was not saved. The operator has been told in the log; try again later.
back-home = Back to the home page
powered-by = Powered by Minbar
search-title = Search
search-heading = Results for “{ $query }”
search-label = Search this site
search-button = Search
search-hint = Type one or more words. Put a phrase in "quotes" to find it as written, and - before a word to leave it out. Hamza, vowel marks and ta marbuta do not matter.
search-count = { $count_plural ->
    [zero] No results
    [one] One result
   *[other] { $count } results
}
search-none = Nothing matched your search. Try fewer or more general words.
search-truncated = Your search was longer than we read, so we searched for its first { $limit } characters.
previous-results = Previous results
more-results = More results
admin-title = Admin
admin-navigation = Admin menu
admin-dashboard = Dashboard
admin-posts = Posts
admin-view-site = View the site
admin-filter = Filter by status
admin-col-title = Title
admin-col-status = Status
admin-col-date = Date
admin-jobs = Background jobs
admin-job = Job
admin-job-next = Next run
admin-job-state = State
admin-job-ok = Ran without error
admin-job-running = Running on { $node }
admin-job-failed = { $count_plural ->
    [one] Failed once
   *[other] Failed { $count } times in a row
}
job-publish-due = Publishing scheduled posts
job-forget-addresses = Erasing old commenter addresses
job-purge = Purging front caches
admin-pending-comments = { $count_plural ->
    [one] One comment waits for review
   *[other] { $count } comments wait for review
}
status-all = All
status-draft = Draft
status-published = Published
role-admin = Admin
role-editor = Editor
role-author = Author
signin-title = Sign in
signin-email = E-mail
signin-password = Password
signin-button = Sign in
signin-failed = The e-mail or the password is wrong.
signin-throttled = Too many failed attempts. Wait a quarter of an hour and try again.
signout-button = Sign out
status-review = In review
status-scheduled = Scheduled
admin-new-post = New post
editor-new-title = New post
editor-edit-title = Edit post
editor-view-post = View the post on the site
editor-field-title = Title
editor-field-body = Text (Markdown)
editor-field-body-html = Text (HTML)
editor-field-labels = Labels (separate with commas)
editor-field-status = Status
editor-field-publish-at = Publication time ({ $zone })
editor-field-featured = Featured post
editor-save = Save
editor-preview = Preview
editor-preview-heading = Preview
editor-revisions = Earlier versions
editor-restore = Restore
editor-error-empty-title = The title is empty.
editor-error-long-title = The title is longer than 300 characters.
editor-error-empty-body = The text is empty.
admin-media = Images
media-title = Images
media-upload = Upload an image
media-field-file = Image (JPEG, PNG, WebP or GIF, up to { $max } MB)
media-upload-button = Upload
media-note = Location and camera data (EXIF, GPS, XMP, IPTC) are removed from every image before it is stored.
media-copy-hint = Copy the line into a post:
media-none = No images yet.
media-error-not-image = The file is not a JPEG, PNG, WebP or GIF image.
media-error-too-large = The file is larger than allowed.
media-error-too-many-pixels = The image is larger than we can open.
media-error-damaged = The image could not be read; the file may be damaged.
media-error-storage = The image could not be stored. Try again later.
media-error-full = The server's disk is full, so the image was not stored. Tell the operator, and try again once space is freed.
media-error-no-file = Choose an image to upload.
admin-comments = Comments
admin-settings = Settings
admin-users = Users
comment-status-pending = Waiting
comment-status-published = Published
comment-status-spam = Spam
moderate-approve = Approve
moderate-spam = Spam
moderate-delete = Delete
comments-queue-empty = No comments here.
settings-title = Site name
settings-about = About the site
settings-locale = Language and region
settings-moderation = Comment moderation
settings-outside = Outside comments tab
settings-base-url = Public address
moderation-open = Shown at once
moderation-first-time = A commenter's first comment waits for approval
moderation-all = Every comment waits for approval
outside-none = None
outside-facebook = Facebook
settings-error-title = The site name is empty or longer than 120 characters.
settings-error-about = The about text is longer than 2,000 characters.
settings-error-locale = That language is not supported.
settings-error-moderation = Unknown moderation mode.
settings-error-outside = Unknown comment provider.
settings-error-base-url = The address must start with https:// or http://.
users-name = Name
users-email = E-mail
users-role = Role
users-password = Password (at least 10 characters)
users-add = Add a user
users-add-button = Add
users-error-name = The name is empty or longer than 80 characters.
users-error-email = The e-mail address is not valid.
users-error-role = Unknown role.
users-error-password = The password is shorter than 10 characters or too long.
users-error-taken = There is already a user with this e-mail.
admin-tokens = API tokens
tokens-intro = One token per app or script that publishes as you through /api/v1 (described at /api/v1/openapi.json).
tokens-name = Token name
tokens-create = Create a token
tokens-new = Your new token. Copy it now: it will not be shown again:
tokens-revoke = Revoke
tokens-none = No tokens yet.
editor-restored-unsaved = The text you typed here and had not saved is back. Check it, then save.
admin-pages = Pages
pages-new = New page
pages-edit = Edit page
pages-slug = Name in the address (optional)
pages-error-slug-taken = There is already a page with this name in its address.
pages-none = No pages yet.
settings-months = Month names
settings-digits = Digits in dates
settings-facebook-app-id = Facebook app id (optional)
months-locale = As the locale has them
months-levantine = Levantine (كانون الثاني، شباط، آذار)
months-egyptian = Egyptian (يناير، فبراير، مارس)
digits-latn = 0123456789
digits-arab = ٠١٢٣٤٥٦٧٨٩
settings-error-digits = Unknown digits.
settings-error-months = Unknown month names.
settings-error-app-id = The app id is digits only.
admin-search-titles = Search titles
editor-field-excerpt = Excerpt (optional; taken from the text when empty)
editor-field-cover = Cover image (paste the image's line from the Images page)
editor-error-cover = The cover is not one of the images uploaded to the site.
editor-error-excerpt = The excerpt is longer than 300 characters.
editor-error-status = Unknown post status: draft, review, scheduled or published.
editor-error-labels = A post takes at most 50 labels.
users-remove = Remove account
users-error-last-admin = The site must keep at least one admin.
users-error-self = You cannot remove the account you are signed in with.
feed-comment-title = { $author } on “{ $post }”
feed-comments-title = Comments on { $site }
feed-post-comments-title = Comments on “{ $post }”
comments-tab-telegram = Telegram discussion
comments-outside-notice-facebook = Nothing is loaded from Facebook until you open this tab.
comments-outside-notice-telegram = Nothing is loaded from Telegram until you open this tab.
comments-outside-link-telegram = Open the discussion on Telegram
comment-staff = Newsroom
comment-edited = edited by the editors
comment-reply = Reply
comment-reply-cancel = Cancel reply
comment-replying-to = Replying to { $name }
comments-pages = Comment pages
comments-earlier = Earlier comments
comments-later = Later comments
comments-closed = Comments on this story are closed.
comments-feed = Follow the comments on this story (Atom)
error-form-expired = The form expired, or your browser did not keep its cookie. Your text is kept below: wait a moment and send it again.
error-too-fast = The comment came faster than a person types. Wait a moment and send it again; your text is kept below.
error-banned = This site does not take comments from your network. If you think that is a mistake, write to the editors.
error-staff-name = That name belongs to a member of the newsroom. Choose another.
error-too-many-links = The comment has too many links: at most { $max }. Remove some and send it again.
error-rate-address = You sent many comments in a short time. Wait a few minutes and send again; your text is kept below.
error-rate-site = The site is taking a great many comments right now. Wait a minute and send again; your text is kept below.
error-duplicate = You already sent this comment, so it is not repeated.
error-comments-closed = Comments on this story are closed, so yours was not saved. Your text is kept below.
error-reply-gone = The comment you are answering is no longer shown. Your text is kept below: send it as a new comment.
comment-status-rejected = Rejected
moderate-reject = Reject
moderate-edit = Edit
moderate-ban = Ban { $range }
spam-score = Spam score: { $score }
spam-reason-blocked-word = Has a blocked word: { $detail }
spam-reason-links = Has links: { $detail }
spam-reason-link-in-name = Link in the name
spam-reason-fast = Sent { $detail } s after the page loaded
spam-reason-no-letters = No letters
spam-reason-bad-encoding = Has broken characters
spam-reason-address-spam = Earlier comments from this address were spam: { $detail }
bans-title = Bans
bans-kind = Kind
bans-kind-word = Word
bans-kind-address = Address range
bans-value = Word or range (such as 203.0.113.0/24)
bans-add = Add
bans-remove = Remove
bans-none = Nothing is banned.
bans-error-range = Not a range: type an address or a range such as 203.0.113.0/24.
bans-error-word = The word is empty or longer than 100 letters.
settings-close-days = Close comments this many days after publication (empty: never)
settings-error-close-days = Not a number of days: type 1 to 3650, or leave it empty.
settings-error-unknown = There is no setting by this name.
outside-telegram = Telegram
discussion-heading = Discussion
discussion-closed = Close comments on this story
discussion-telegram = The Telegram channel message whose discussion is shown
discussion-save = Save
discussion-error-telegram = Not a Telegram link: paste it as https://t.me/channel/123.
comment-send-failed = Could not send: check your connection and try again. Your text is still here.
error-cross-site = The form came from outside this site, so it was not saved. Your text is kept below: send it from the story's page.

## The newsroom's clock
settings-time-zone = Time zone
settings-time-zone-hint = An IANA name such as Asia/Damascus, Asia/Baghdad or Africa/Cairo. Dates, new posts' addresses and publication times use it; published addresses never change.
settings-error-time-zone = Unknown time zone: pick a name from the list, such as Asia/Damascus.
settings-hijri = Hijri date
hijri-off = Not shown
hijri-on = Shown beside the Gregorian date (Umm al-Qura)
settings-hijri-adjust = Hijri date adjustment in days (for a local sighting of the moon)
hijri-adjust-none = 0 (as Umm al-Qura)
settings-error-hijri = Invalid Hijri setting: choose shown or not shown, and an adjustment from -2 to 2 days.
editor-error-publish-at = The publication time could not be read: write it as 2026-09-01 08:30.
editor-error-publish-at-skipped = This time does not exist in the site's time zone: the clocks skip it for daylight saving time. Choose a time before or after it.

## Posts in several languages
editor-field-language = Language of the post
editor-language-site = The site's language
editor-field-translation-of = Translation of post number
editor-translation-hint = The number of a post in another language that this one translates; each will link to the other. Translations now:
editor-error-language = Unknown language: choose Arabic, Kurdish (Sorani or Kurmanji) or English.
editor-error-translation-missing = There is no post with this number to link as a translation.
editor-error-translation-same = The chosen post is in the same language as this one: a translation is in another language.
editor-error-translation-taken = That post already has a translation in this language.
read-in = Read in:

## Corrections and updates
note-correction = Correction
note-update = Update
note-error-empty = Write the text of the correction or update.
note-error-long = The text is longer than 2000 characters.
note-error-kind = Choose a correction or an update, at the top or the bottom of the article.
note-error-unpublished = Only a published post takes corrections and updates.
notes-title = Corrections and updates
notes-back-to-editor = Back to the editor
notes-none = This post has no corrections or updates.
notes-add = Add a correction or update
note-field-kind = Kind
note-field-placement = Where it shows
note-placement-top = At the top of the article
note-placement-bottom = At the bottom of the article
note-field-body = Text
corrections-title = Corrections
corrections-intro = We correct our mistakes in the open: every correction and update to what we published, newest first.
corrections-empty = No corrections yet.
admin-notes-link = Corrections and updates

## Visual editor
visual-field-body = Text
visual-toolbar = Formatting
visual-paragraph = Paragraph
visual-heading = Heading
visual-subheading = Subheading
visual-bold = Bold
visual-italic = Italic
visual-link = Link
visual-quote = Quote
visual-bullets = Bulleted list
visual-numbers = Numbered list
visual-edit-as-text = Edit as text
visual-edit-visually = Back to the visual editor
visual-link-address = Link address, such as https://example.org
visual-link-apply = Add link
visual-link-cancel = Cancel
visual-error-link = The link was not added: only web addresses (https or http) and e-mail links (mailto) are accepted. Your text is unchanged.
visual-error-too-large = Nothing was pasted: what you copied is larger than 1 MB. Your text is unchanged; paste a smaller part.
visual-error-unsupported = This text has formatting the visual editor cannot show (a table, code or footnotes), so it stays as text and nothing is lost.
visual-error-unavailable = The visual editor could not open just now (is the connection down?). Write here as text, or try again.
visual-embed = Embed a post
visual-embed-address = Link to the post on YouTube, X, Facebook, Instagram or Telegram
visual-embed-apply = Add the post
visual-error-embed-unknown = This link cannot be embedded: only a post on YouTube, X, Facebook, Instagram or Telegram can. Your text is as it was; you can add it as an ordinary link with the “Link” button.
visual-error-offline = The link could not be checked just now (is the connection down?). Your text is as it was; try again.
visual-embed-added = Post added; readers see a placeholder that loads nothing from it until they press it.
visual-embed-pasted = This link is alone on its line, so readers will see an embedded post that loads only when they press it.

## Embeds
embed-load = Show it here (loads from the service only when pressed)

## Dashboard
dashboard-attention = Needs your attention
dashboard-failed-jobs = { $count_plural ->
    [one] One job failed
   *[other] { $count } jobs failed
}
dashboard-in-review = { $count_plural ->
    [one] One post waits for review
   *[other] { $count } posts wait for review
}
dashboard-scheduled-soon = { $count_plural ->
    [one] One post goes out within 24 hours
   *[other] { $count } posts go out within 24 hours
}
dashboard-review-heading = Waiting for review
dashboard-scheduled-heading = Going out within 24 hours
dashboard-none = Nothing here now.
dashboard-drafts = Your drafts
dashboard-no-drafts = You have no drafts.
dashboard-newest = Newest posts
dashboard-edit = Edit
dashboard-counts = Posts by status

## Saving without losing a word
editor-others-editing = Also editing this post now:
editor-autosaved = Draft saved automatically at
editor-offline = No connection now: your text is kept in this browser and sent when the connection returns.
editor-kept-in-browser = The post is published: your changes are kept in this browser until you press Save.
editor-autosave-failed = The automatic save failed; your text is kept in this browser.
editor-error-conflict = Someone else saved this post after you opened it, so their version was not overwritten. Compare both versions below: your text is still in the form; save again to keep it.
editor-conflict-theirs = The newer saved version
editor-conflict-yours = Your version, as it is in the form

## Photos in the editor
photo-add = Photo
photo-library = Earlier photos
photo-details = About this photo
photo-alt = What the photo shows (for readers who cannot see it)
photo-alt-hint = Say what matters in it, in a sentence; leave it empty only if the photo is decorative.
photo-decorative = Decorative: it adds nothing a reader would miss
photo-caption = Caption (up to 1,000 characters)
photo-credit = Photographer (up to 200 characters)
photo-credit-example = Photo: name
photo-insert = Insert in the text
photo-set-cover = Set as cover
photo-cover-set = The cover is set; it is saved with the post.
photo-library-title = Earlier photos, newest first
photo-library-empty = No photos uploaded yet.
photo-library-close = Close
photo-library-error = The photos could not be listed just now (is the connection down?). Try again.
photo-error-upload = The photo was not uploaded. Your text is unchanged; try again.
photo-retrying = The connection dropped; trying again…
photo-offline = No connection: the photo will be sent as soon as it is back.
photo-uploading = Uploading…
photo-uploaded = Uploaded.
photo-error-alt = Say what the photo shows, or tick "decorative".
photo-error-caption-long = The caption is longer than 1,000 characters: shorten it.
photo-error-credit-long = The photographer's credit is longer than 200 characters: shorten it.
