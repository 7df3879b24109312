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
comments-outside-notice = Nothing is loaded from Facebook until you open this tab.
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
editor-field-labels = Labels (separate with commas)
editor-field-status = Status
editor-field-publish-at = Publication time (UTC)
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
media-error-no-file = Choose an image to upload.
