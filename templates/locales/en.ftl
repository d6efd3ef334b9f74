# English: the app's default language and the catalog the others follow. Every
# message here must be in every other catalog (a test checks).

## Site-wide

site-name = Shortener
lang-switch = Language
skip-to-content = Skip to content

## Dates: { $day } is the day of the month, { $month } a name below, { $year } the year.

date-day = { $month } { $day }, { $year }
date-day-short = { $month } { $day }
date-time = { $date }, { $time } UTC
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec

## The footer of every page

footer-about = Short links with a private page for their owner.
# A link to the API's documentation, followed by ": Accept: application/json".
footer-api = The same as a JSON API

## The copy buttons (with JavaScript)

# On a copy button, for two seconds after it was pressed.
copy-done = Copied
# Read out by screen readers after a copy button was pressed.
copy-status-done = Copied to the clipboard

## Home page: the create form, smart link fields, bulk results, after a delete

# The page's title and heading.
home-title = Shorten a link
home-lead = Paste a long URL and get a short link, plus a private page with its click count.
# Shown after a field's label, in smaller type.
home-optional = (optional)

# Private mode: the site asks for a token from its operator before showing the forms.
home-token-heading = Your creator token
home-token-hint = This site makes links only for people with a token from its operator. Type yours once: this browser keeps it.
home-token = Creator token
# The button that sends the token.
home-token-continue = Continue

# The URL to shorten.
home-target-url = Long URL
# The short link's own key (the part after the site's address), chosen instead of a random one.
home-custom-key = Custom key
home-custom-key-hint = 3 to 32 letters, digits, "-" or "_". Leave empty for a random key.
# A folded section; "check" is the option below that checks the long URL answers.
home-more-options = More options: title, note, expiry, click limit, password, campaign tags, check
home-title-field = Title
home-note = Note
home-note-hint = Only you see it, on this link's private page.
home-preview = Link preview
home-preview-hint = What chat apps and mail previews show for this link, instead of the target's own card. It appears only on the page with a Continue button that they get, so "Count people only" is on with it.
home-preview-title = Preview title
home-preview-description = Preview description
home-preview-image = Preview image URL
home-expires-at = Expires at
# After "Expires at": the time typed is in UTC.
home-expires-at-note = (UTC, optional)
home-starts-at = Goes live at
home-starts-at-hint = Until then, visitors are told when, and nothing is counted.
home-max-clicks = Stop after this many clicks
home-password = Password for visitors
home-password-hint = At least 8 characters. Visitors must type it before they are forwarded.
home-check-target = Check that the long URL answers before shortening it
# A checkbox label, followed by "(?utm_source=mail { home-forward-query-example })".
home-forward-query = Add visitors' query strings to the long URL
# Inside parentheses, after the code sample "?utm_source=mail": the sample typed after the short link is passed on to the long URL.
home-forward-query-example = on the short link is passed on
# The utm_source, utm_medium... fields (their names are shown as they are).
home-campaign = Campaign tags
home-campaign-note = (optional, added to the long URL)
# The create form's button (also the smart link section's first button on the home page).
home-shorten = Shorten

# A second form: many long URLs at once.
home-many = Many at once
home-many-urls = Long URLs, one per line
# { $count } is the most URLs one form may hold.
home-many-limit = (up to { $count })
home-shorten-all = Shorten all

# A collection: one private page for many links (a heading, then the form's button).
home-collection = Start a collection
home-collection-hint = One private page for many links: their clicks together, one chart, a CSV. No account: its address is the key, so bookmark it.
home-collection-name = Name of the collection
home-collection-start = Start a collection
home-anywhere = Shorten from anywhere
home-anywhere-hint = Drag this link to your bookmarks bar. On any page, click it: this form opens with that page's address filled in. Installed as an app on a phone, this site also takes links from the share menu.
home-bookmarklet = Shorten this page
home-sharex = ShareX (Windows):
home-sharex-download = download the custom uploader
home-sharex-token = Put your creator token in place of YOUR-CREATOR-TOKEN.

## Smart link fields (the create form and the admin page)

# A folded section: rules that send visitors elsewhere, a split between variants, where the link leads after it ends.
smart-summary = Smart link: rules, a split, after the end
smart-rules = Rules
smart-rules-note = (the first one that fits a visitor sends them to its URL)
# The heading of one rule; { $number } is its place (1, 2, ...).
smart-rule = Rule { $number }
# The visitor's kind of device.
smart-device = Device
# The device choice that matches every device.
smart-device-any = Any
# A device's name in the device list; { $device } is ios, android, mobile or desktop.
smart-device-name =
    { $device ->
        [ios] ios
        [android] android
        [mobile] mobile
        [desktop] desktop
       *[other] { $device }
    }
# The visitor's language; "de" is a language tag, as typed in the field.
smart-language = Language
smart-language-example = (such as de)
# The short link's query string; "src=poster" is typed as it is.
smart-query = Query
smart-query-example = (such as src=poster)
# The rule applies from this time...
smart-after = From
# ...until this time.
smart-before = Until
# After "From" and "Until": the times are in UTC.
smart-utc = (UTC)
# The URL the rule sends visitors to.
smart-target = Send them to
# The A/B split of visitors between several URLs (a legend, then a note).
smart-split = Split
smart-split-note = (the visits no rule took, shared by weight; each visitor keeps seeing one)
# One URL of the split; { $number } is its place (1, 2, ...).
smart-variant = Variant { $number }
# A variant's share of the visits.
smart-weight = Weight
smart-weight-range = (1 to 100)
# A URL visitors go to once the link has expired or used up its clicks.
smart-expired-url = After the end, send visitors to
smart-optional = (optional)
smart-expired-url-hint = Once it has expired or used up its clicks, the link leads here instead of saying it has expired.
# Whether only people are counted (and let through), not link previews or mail scanners.
smart-humans-only = Count people only
# Choices of "Count people only": only when the link has a click limit, always, never.
smart-humans-auto = With a click limit
smart-humans-on = Always
smart-humans-off = Never
# "Continue" is the button such a visitor sees.
smart-humans-only-hint = Link previews and mail scanners get a Continue button and are not counted, so they cannot use up a one-time link.
# The admin page's button that saves these fields.
smart-save = Save the smart link
# Buttons that show the form again with one more empty row.
smart-add-rule = Add another rule
smart-add-variant = Add another variant

## Results of "many at once"

bulk-title = Your short links
# { $created } links were made out of { $total } lines (the rest were refused, with why).
bulk-created = { $created } of { $total } created.
bulk-save-admin-links = Save the admin links now: this page is the only place they are shown, and they are the only way to see the clicks or delete a link.
# The table's column headings.
bulk-long-url = Long URL
bulk-short-link = Short link
bulk-admin-page = Admin page (keep it secret)
bulk-shorten-more = Shorten more links

## After a delete

deleted-title = Link deleted
deleted-success = Successfully deleted the short link.
# When the page is opened without having just deleted a link.
deleted-done = The link was deleted.
deleted-explained = The short link no longer forwards anyone, and its key will never be reused.
deleted-shorten-another = Shorten another link

## The owner's pages: a link's admin page, its shared stats page, a collection

## The clicks of a link or a collection (admin, stats and collection pages)

clicks-heading = Clicks
# The label of the choice of how many days the chart shows.
clicks-windows = Days shown
# One choice of that window: 7, 30, 90 or 365 days.
clicks-window = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
# Follows a number of clicks shown in bold: "7 in the last 30 days". $count is
# that number of clicks (to agree with it), $days the window.
clicks-recent = in the last { $days } days
# Follows a number of clicks: "120 in all". $count is that number.
clicks-all = in all

## The chart of clicks per day

# The chart's description for screen readers. $total clicks over $days days; $max
# is the most clicks on a single day.
chart-title = Clicks per day over the last { $days } days: { $total } in all, at most { $max } on one day
# A day's bar, on hover: $day is the day (2026-11-28), $count its clicks.
chart-bar = { $day }: { $count ->
    [one] { $count } click
   *[other] { $count } clicks
}

## Where clicks come from (referrers and kinds of client)

sources-heading = Where clicks come from
sources-referrers = Referrers
# The column of referring sites' names.
sources-site = Site
# The kinds of client that clicked (browser, bot, other).
sources-clients = Clients
# The column of the kinds of client.
sources-kind = Kind
sources-clicks = Clicks
sources-none = No clicks yet.
sources-privacy = Only the referring site's name and a rough kind of client are kept: never addresses, full links or browser details.
# A referrer: clicks that came with no referring page (typed, bookmarked, from an app).
sources-direct = direct
# A referrer: clicks whose referring page named no site.
sources-unknown = unknown
# A referrer: all the sites past the 100 that are counted one by one.
sources-other-hosts = other hosts
# A kind of client: a web browser.
sources-browser = browser
# A kind of client: a crawler, link preview, mail scanner or monitor.
sources-bot = bot
# A kind of client: anything else.
sources-other = other

## The admin page of a short link (its owner's secret page)

admin-title = Your short link
admin-ready = Your short link is ready
admin-ready-save = Save this page: it is your only way back.
admin-ready-bookmark = Bookmark it to see the clicks later or to delete the link. Nobody else can find it for you.
admin-short-link = Short link
# A button that copies the field beside it to the clipboard.
admin-copy = Copy
admin-page-url = This page (keep it secret)
admin-stats-url = Stats to share (counts only)
admin-stats-url-hint = Shows the clicks, the chart and where they come from; it cannot change or delete anything.
admin-stats-url-off-label = Stats to share
# "Sharing and safety" is the heading admin-sharing, further down the page.
admin-stats-url-off = Turned off. Make a new one under "Sharing and safety" below.
# Where the short link leads (a label followed by the long URL).
admin-goes-to = Goes to
admin-created = Created
admin-clicks = Clicks
admin-expires = Expires
# The link never expires.
admin-expires-never = Never
admin-starts = Goes live
admin-click-limit = Click limit
# The click limit $max, and how many clicks are left before it is reached.
admin-click-limit-value = { $max } ({ $left } left)
# Whether a visitor's query string (?utm_source=…) is added to the long URL.
admin-forward-query = Query forwarding
# Query forwarding on, in two pieces around a query string shown as code:
# "On: a visitor's ?utm_source=… is added to the target (the visitor's value wins)".
admin-forward-on-start = On: a visitor's
admin-forward-on-end = is added to the target (the visitor's value wins)
admin-forward-off = Off
admin-password = Password
admin-password-on = Visitors need a password
# No password.
admin-password-none = None
admin-status = Status
admin-status-deleted = Deleted
# $reason is the operator's reason, as they wrote it (not translated).
admin-status-disabled = Disabled by the operator of this site: { $reason }. Visitors get "this link was disabled"; it cannot be changed or enabled again from here
admin-status-expired = Expired: visitors get "this link has expired"
admin-status-waiting = Not live yet: visitors are told when it goes live
admin-status-active = Active
# Followed by the date and time of the last click.
admin-last-click = last click:
admin-last-click-never = last click: never
admin-qr = QR code
# The QR code image's description; $url is the short link.
admin-qr-label = QR code of { $url }
admin-qr-scans = Scans to { $url }.
# The caption goes on with two links, SVG and PNG, between these pieces:
# "Download it as SVG or PNG."
admin-qr-download = Download it as
admin-qr-download-or = or
admin-qr-download-end = .
admin-edit = Change where it goes…
admin-edit-target = New long URL
admin-edit-hint = Clicks, expiry, click limit and password stay as they are.
admin-edit-save = Save
admin-annotate = Title and note
admin-preview-hint = Shown to link previewers on the Continue page only. All blank: no preview.
admin-schedule = Start time
admin-schedule-hint = Blank: live now. Until then, visitors are told when, and nothing is counted.

## The admin page: the smart link (rules, a split between variants)

admin-smart = Smart link
admin-smart-none = No rules and no split: every visitor goes to the long URL.
admin-smart-caption = Clicks in the last { $days } days, by what decided where they went
# Table heading: the rule or variant that chose the target.
admin-smart-decided-by = Decided by
# Table heading: the rule's conditions.
admin-smart-when = When
admin-smart-goes-to = Goes to
admin-smart-clicks = Clicks
# $number is the rule's place in the list: "Rule 2".
admin-smart-rule = Rule { $number }
# $number is the variant's place in the split: "Variant 2".
admin-smart-variant = Variant { $number }
# A variant's share of the visitors, as a relative weight.
admin-smart-weight = Weight { $weight }
# A rule's condition: $value is the device as the API names it (ios, android, mobile, desktop).
admin-rule-device = device { $value }
# A rule's condition: $value is a language tag (de, fr, ...).
admin-rule-language = language { $value }
# A rule's condition: from the date and time $value on.
admin-rule-from = from { $value }
# A rule's condition: until the date and time $value.
admin-rule-until = until { $value }
# Followed by a link to the URL visitors go to once the link has expired, then admin-smart-after-end-end.
admin-smart-after-end = After the end, visitors go to
admin-smart-after-end-end = .
# "Continue" is the button of the page that previews and scanners are shown.
admin-smart-humans = Counts people only: link previews and mail scanners get a Continue button.
admin-smart-every-visit = Counts every visit.
# A link to a page that shows where the short link would send a visitor.
admin-smart-peek = Try where it sends a visitor
# After the link admin-smart-peek.
admin-smart-peek-note = (nothing is counted).

## The admin page: sharing, a new address, deleting

admin-sharing = Sharing and safety
admin-stats-replace = Replace the stats link
admin-stats-make = Make a stats link
admin-stats-off = Turn the stats link off
admin-forward-stop = Stop adding visitors' query strings
admin-forward-start = Add visitors' query strings to the target
admin-sharing-hint-stats = A replaced or turned-off stats link answers "not found".
# A sentence in pieces around two examples shown as code: "With query forwarding
# on, https://sho.rt/abc?utm_source=mail goes to the target with utm_source=mail added."
admin-sharing-hint-forward = With query forwarding on,
admin-sharing-hint-forward-goes = goes to the target with
admin-sharing-hint-forward-added = added.
admin-rotate = Someone else has this page's address…
admin-rotate-explain = Give this page a new address: the old one stops working at once, everywhere, and the link leaves every collection it is in (add it again by pasting the new address on a collection's page). The short link, its clicks and its stats link stay as they are.
admin-rotate-confirm = Yes, give this page a new address
admin-collections = Collections this link is in
admin-collections-explain = Each of these collections lists this page's address. Take the link out of any you do not recognise, then give this page a new address.
admin-collections-leave = Take it out of { $name }
admin-delete = Delete this link…
admin-delete-explain = Visitors will get "not found", and the key will never be given to anyone else. This cannot be undone.
admin-delete-confirm = Yes, delete this link

## The admin page: what it says after a change

admin-notice-updated = Saved: the link now goes to the new address.
admin-notice-forward-on = Saved: visitors' query strings are now added to the target.
admin-notice-forward-off = Saved: visitors' query strings are no longer added to the target.
admin-notice-stats-off = The stats link is off: it no longer opens anything.
admin-notice-stats-new = The stats link was replaced: the old one no longer opens anything.
admin-notice-smart = Saved: the rules, the split and where the link leads after the end.
admin-notice-rotated = This page has a new address: the old one no longer works, and the link left every collection it was in. Bookmark this one now.
admin-notice-left = The link was taken out of that collection: it no longer lists it.
admin-notice-previewed = Saved: the link preview.
admin-notice-annotated = Saved: the title and the note.
admin-notice-scheduled = Saved: the start time.

## The stats page (a link's counts, shared by its owner)

# The page's title; $url is the short link.
stats-title = Clicks of { $url }
# The heading, followed by the short link.
stats-heading = Clicks of

## A collection's page (one secret page for many links)

# The page's title; $name is the collection's name, as its owner wrote it.
collection-title = { $name } · collection
collection-page-url = This collection's page (keep it secret)
# A button that copies the field beside it to the clipboard.
collection-copy = Copy
collection-links = Links
collection-clicks = Clicks
collection-clicks-heading = Clicks of all its links
collection-links-heading = Links
# The label of the choice of the list's order.
collection-order = Order
collection-sort-date = Newest first
collection-sort-clicks = Most clicked first
# A key is the part of a short link after the last slash.
collection-find-label = Find by key or long URL
collection-find = Find
collection-empty = No links yet: make one below, or add one you made before by its admin URL.
# $filter is what was typed into the search field.
collection-no-match = No link matches "{ $filter }".
# The list's description for screen readers: $shown links are listed of the $count in the collection.
collection-shown = { $shown } of { $count } links
# Table heading of the checkboxes (for screen readers only).
collection-select = Select
# A checkbox's label for screen readers; $key is the short link's key.
collection-select-link = Select { $key }
collection-short-link = Short link
collection-goes-to = Goes to
collection-created = Created
collection-status = Status
# Table heading: a link to each link's own admin page.
collection-owner-page = Owner's page
# Opens a link's admin page.
collection-open = Open
collection-status-active = active
collection-status-disabled = disabled
collection-status-expired = expired
collection-status-deleted = deleted
collection-deactivate = Deactivate the selected links
collection-csv = Download the list (CSV)
collection-page = Page { $page } of { $pages }
collection-previous = Previous page
collection-next = Next page
collection-pages = Pages of the list
collection-add-heading = Add links
collection-new-target = New short link for this long URL
collection-shorten = Shorten into this collection
collection-join-label = Or add a link you made before: its admin URL
collection-join = Add to this collection
collection-rotate = Someone else has this page's address…
collection-rotate-explain = Give this collection a new address: the old one stops working at once, everywhere. Its links stay as they are.
collection-rotate-confirm = Yes, give this collection a new address
collection-rotate-links-explain = If this page's address leaked, so did the admin addresses it lists: give its links new ones too. They then leave every other collection.
collection-rotate-links-confirm = Yes, and give every link in it a new admin address

## A collection's page: what it says after a change

collection-notice-created = Your collection is ready. Bookmark this page: its address is the only key to it.
collection-notice-added = The link was added to this collection.
collection-notice-none-selected = No link was selected: tick the links to deactivate first.
collection-notice-rotated = This collection has a new address: the old one no longer works. Bookmark this one now.
collection-notice-rotated-links =
    { $count ->
        [one] This collection has a new address, and { $count } link in it has a new admin address: the old ones no longer work. Bookmark this page now.
       *[other] This collection has a new address, and { $count } links in it have new admin addresses: the old ones no longer work. Bookmark this page now.
    }
# $count links were deactivated; English writes "link(s)" for any number, other
# languages may choose plural forms by $count.
collection-notice-deactivated = Deactivated { $count } link(s): they no longer forward.

## Visitor pages: where a link goes (peek), reports, moderation, the Continue and password pages, errors, the API page

## Peek: /peek/<key>, where a short link goes without going there

peek-title = Where does it go?
peek-heading = Where does this link go?
# Follows the short link's address; the target's address comes on the next line:
# "https://s.example/abc leads to: https://example.com/page"
peek-leads-to = leads to:
# Followed by what decided where the link leads (peek-decided-...), in bold.
peek-decided-by = Decided by:
# What decided: the smart link's rule number $number (as counted from 1 in the owner's list).
peek-decided-rule = rule { $number }
# What decided: the smart link's split variant number $number (counted from 1).
peek-decided-variant = variant { $number }
# What decided: nothing special, the link's own target.
peek-decided-default = default
# What decided: the link has expired and leads to its "after expiry" address.
peek-decided-expired = expired
# Anything else that decided, as the server names it ($what, in English).
peek-decided-other = { $what }
# $date is a date and time in words ("November 28, 2026, 14:05 UTC").
peek-changed-on = Its owner last changed where it leads on { $date }.
peek-unchanged = It has led there since it was made.
# A time rule will send visitors somewhere else then, with no edit; $date is a date and time in words.
peek-switches-on = Where it leads changes on { $date }, as its owner scheduled.
# Heading of the list of the other places the link can send visitors (rules, split, after expiry).
peek-destinations = It can also lead to
# A form that asks where the link would lead for another kind of visitor.
peek-try-heading = Try another visitor
peek-try-hint = Nothing is counted. Empty fields mean you, as you are now.
peek-device = Device
# The device list's first choice: the device of the person looking at the page.
peek-device-yours = As you are
# Device names in the list (iPhone and iPad; Android; any phone or tablet; desktop or laptop).
peek-device-ios = ios
peek-device-android = android
peek-device-mobile = mobile
peek-device-desktop = desktop
# The visitor's language to try, typed as a language code such as "de".
peek-language = Language
peek-time = Time (UTC)
# The button that shows where the link leads for the visitor described.
peek-try = Try
peek-shorten-own = Shorten a link of your own

## Reports: the report form (on /report/<key> and the peek page) and its thanks

report-title = Report a link
# Followed by the short link's address and a full stop.
report-about = About the short link
report-form-heading = Report this link
report-form-hint = Tell the operator of this site if it leads somewhere harmful. Nothing about you is stored with the report.
# The question above the reasons to choose from.
report-form-why = Why?
report-reason-phishing = Phishing: it imitates a site to steal logins or money
report-reason-malware = Malware: it downloads or runs something harmful
report-reason-spam = Spam
report-reason-illegal = Illegal content
report-reason-other = Something else
report-form-details = What did you see?
report-form-optional = (optional)
report-form-send = Send the report
report-received-title = Report received
report-received-thanks = Thank you. The report was received.
report-received-next = The operator of this site will look at it.
report-received-home = Go to the home page

## Moderation: the operator's page of reported links (/moderate/<secret>)

moderate-title = Moderation
# $query is what the operator searched for: a short key or a host name.
moderate-lead-search = Links whose key is “{ $query }” or whose target is on that host.
moderate-lead-reported = Links with open reports, most reported first.
moderate-lead-secret = Keep this page’s address to yourself: it is the operator’s key.
moderate-search-label = Find a link by key or host
# The search button.
moderate-search = Search
moderate-search-back = Back to the reported links
moderate-no-match = No link matches.
moderate-no-reports = No open reports. Nothing to do.
# Followed by the link's target address.
moderate-to = To
# Labels of a link's facts.
moderate-created = Created
moderate-clicks = Clicks
# When visitors were last sent elsewhere (by the owner, or by a time rule); when a time rule will next do so.
moderate-changed = Target changed
moderate-next-switch = Next scheduled switch
moderate-open-reports = Open reports
# The note given to the creator token the link was made with.
moderate-token = Creator token
moderate-state = State
# $reason is the operator's reason for disabling, as typed.
moderate-disabled = Disabled: { $reason }
# The state of a link that is not disabled.
moderate-forwarding = Forwarding
# After the number of open reports: how many are for one reason, e.g. "phishing 3".
# $reason is one of the moderate-reason-... words, $count the number.
moderate-reason-count = { $reason } { $count }
# Report reasons, short, as the operator sees them.
moderate-reason-phishing = phishing
moderate-reason-malware = malware
moderate-reason-spam = spam
moderate-reason-illegal = illegal
moderate-reason-other = other
moderate-newest = Newest reports
moderate-disable-reason = Reason for disabling
# Buttons: stop the link forwarding; let it forward again; close its reports without doing anything.
moderate-disable = Disable
moderate-enable = Enable again
moderate-dismiss = Dismiss the reports
moderate-lead-newest = Links with open reports, the newest report first.
# Links that change the list's order.
moderate-sort-newest = Newest reports first
moderate-sort-reports = Most reported first
# The list's page navigation; $page is the page's number.
moderate-pages = Pages
moderate-page = Page { $page }
moderate-previous = Previous page
moderate-next = Next page
# The other places a smart link sends visitors to (its rules, split and the address after expiry).
moderate-destinations = Also sends visitors to

## The Continue page: a link that counts people only, opened by a link preview or mail scanner

continue-title = Continue to the link
continue-preview = The link's preview
continue-lead = This link counts only visits by people, so link previews and mail scanners stop here.
continue-button = Continue
continue-shorten-own = Shorten a link of your own

## A short link that does not forward: the password form, or why it stopped

locked-title = Protected link
locked-heading = This link is protected
locked-lead = Its owner gave it a password. Type it to continue.
locked-password = Password
locked-continue = Continue
locked-expired-title = This link has expired
locked-disabled-title = This link was disabled by the operator of this site
# $reason is the operator's reason, as typed (in the operator's language).
locked-disabled-reason = The reason given: { $reason }
locked-shorten-own = Shorten a link of your own
locked-report = Report this link

## The error page: "404 · Not Found", then what went wrong

status-400 = Bad Request
status-401 = Unauthorized
status-403 = Forbidden
status-404 = Not Found
status-405 = Method Not Allowed
status-409 = Conflict
status-410 = Gone
status-413 = Payload Too Large
status-415 = Unsupported Media Type
status-422 = Unprocessable Entity
status-429 = Too Many Requests
status-500 = Internal Server Error
status-503 = Service Unavailable
error-page-home = Go to the home page

## The API page (/docs): its own headings; the reference itself stays in English

docs-title = API
docs-heading = The API
# Followed by the header "Accept: application/json" (as code) and a full stop.
docs-lead-json = Every page here is also JSON: send
# Followed by {"detail": "..."} (as code) and a full stop.
docs-lead-errors = Errors are
# Followed by a link "/openapi.json", then "(OpenAPI 3.1);" and docs-lead-same.
docs-lead-spec = The machine-readable description is
docs-lead-same = this page shows the same document.
# Shown in languages other than English only.
docs-reference-english = The reference below is in English, like the API's JSON answers.
docs-rules = Rules every route follows
docs-parameters = Parameters
# A parameter of a route: $name is its name (as the API spells it), $about what it is (in English).
docs-param-path = { $name } (in the path): { $about }
docs-param-query = { $name } (in the query): { $about }
docs-param-header = { $name } (in a header): { $about }
# The request body a route takes.
docs-body = Body
# The answers a route can give, one per HTTP status.
docs-answers = Answers
docs-status = Status
docs-meaning = Meaning
# Column of the media types an answer comes as (application/json, text/html).
docs-as = As
docs-headers = Headers

## Errors
## What a refused request answers: the error page, the message beside a form's
## field, and (always in English) the "detail" of JSON answers. Field and parameter
## names (target_url, expires_at, "forward_query", ...), words a client must send
## (on, off, date, clicks, ios, ...) and formats (application/json,
## 2026-12-31T23:59:00Z) are literal: keep them as they are.
## English writes numbers in error texts as NUMBER($n, useGrouping: "false") because
## JSON clients compare these texts and have always had "2048"; a translation writes
## plain { $n }, grouped the language's way.

# $url is the full address that was asked for.
error-url-not-found = URL '{ $url }' doesn't exist
error-not-found = URL doesn't exist
error-internal = Internal server error
error-unavailable = The service is busy; please try again
error-no-free-key = No free short key was found; please try again
error-cross-site = Cross-site form posts are not accepted
# $methods is the list of HTTP methods the address accepts, such as "GET, HEAD".
error-method-not-allowed = Method not allowed; this path accepts { $methods }
error-method-not-allowed-plain = Method not allowed
# $status is HTTP's English name of the status, such as "Bad Request".
error-not-processed = { $status }: the request could not be processed

## Target URLs. $reason in error-invalid-url is one of the error-url-… messages
## below, which continue the sentence (in English, lower case).

error-invalid-url = Your provided URL is not valid: { $reason }
error-url-empty = it is empty
# $max is the greatest number of characters a URL may have.
error-url-too-long = it is longer than { NUMBER($max, useGrouping: "false") } characters
# $max is the greatest number of characters a URL may have, once special characters are encoded.
error-url-too-long-encoded = it is longer than { NUMBER($max, useGrouping: "false") } characters once encoded
error-url-spaces = it contains spaces or control characters
error-url-not-absolute = it is not an absolute URL
error-url-scheme = it must start with http:// or https://
error-url-no-host = it has no host
error-url-loop = it points back to this shortener
error-url-user-info = The target URL must not contain a user name or password
error-target-check = The target URL could not be checked
# $host is the web site (domain name) the link would lead to.
error-blocked = Links to { $host } are not allowed here

## Short keys

# $key is the key as the visitor typed it; $min and $max are its shortest and longest lengths.
error-key-invalid = Custom key '{ $key }' is not valid: use { NUMBER($min, useGrouping: "false") } to { NUMBER($max, useGrouping: "false") } letters, digits, '-' or '_'
# $key is the key as the visitor typed it.
error-key-reserved = Custom key '{ $key }' is reserved
# $key is the key as the visitor typed it.
error-key-taken = Custom key '{ $key }' is already taken
error-secret-taken = A link with this secret_hash is already stored

## Links that cannot be followed or changed

error-gone = This link has expired
error-not-yet = This link is not live yet: it goes live on { $at }.
# $reason is the operator's own text, in whatever language they wrote it.
error-disabled = This link was disabled by the operator: { $reason }
# $reason is the operator's own text, in whatever language they wrote it.
error-locked-disabled = This link was disabled by the operator ({ $reason }); it cannot be changed
# $clicks is how many clicks the link has; $lock the number of clicks after which targets are locked.
error-locked-clicks = This link has { NUMBER($clicks, useGrouping: "false") } clicks; targets are locked after { NUMBER($lock, useGrouping: "false") } clicks on this site
error-token-required = This instance creates links only for people with a token
error-password-required = This link is protected by a password
error-wrong-password = Wrong password

## Too many requests. $seconds is how many seconds to wait (a number: it may
## choose plural forms).

error-rate-limited = Too many links created from your address; try again in { NUMBER($seconds, useGrouping: "false") } seconds
error-too-many-reports = Too many reports from your address; try again in { NUMBER($seconds, useGrouping: "false") } seconds
error-too-many-attempts = Too many password attempts from your address; try again in { NUMBER($seconds, useGrouping: "false") } seconds
error-link-braked = Too many wrong passwords for this link lately; try again in { NUMBER($seconds, useGrouping: "false") } seconds
error-too-many-changes = Too many changes to this link; try again in { NUMBER($seconds, useGrouping: "false") } seconds

## Request bodies. $error is the English explanation of the JSON or form reader,
## passed as it is.

# $what is one of the error-body-… messages below: what the request should carry.
error-unsupported-body = Send { $what } as application/json or application/x-www-form-urlencoded
error-body-link = the link
error-body-password = the password
error-body-new-target = the new target
error-body-report = the report
error-body-decision = the decision
error-body-token = the token
error-body-collection = the collection
error-body-admin-url = the admin URL
error-body-keys = the keys
error-json-too-large = The JSON body is too large
error-not-utf8 = The body could not be read as UTF-8 text
error-invalid-body = Invalid request body: { $error }
# $field is the name of the JSON field ("rules" or "variants").
error-invalid-body-field = Invalid request body: { $field }: { $error }
# $field is the name of the JSON field that is missing.
error-missing-field = Invalid request body: missing field `{ $field }`
error-malformed-json = Malformed JSON: { $error }
error-link-not-object = Each link must be a JSON object
# $max is how many links one request may create.
error-body-shape = The body must be a JSON object, or an array of up to { NUMBER($max, useGrouping: "false") } of them
error-form-too-large = The form is too large
# $field is the name of the form's field, as sent.
error-form-field = Form field '{ $field }': { $error }
error-form-unreadable-because = The form could not be read: { $error }
error-form-unreadable = The form could not be read
# The names in quotes are the JSON fields, and true, false, "off", "new" and null their values: keep them.
error-edit-shape = Send an object with one or more of "target_url" (a URL), "forward_query" (true or false), "stats" ("off" or "new"), "rules" and "variants" (arrays), "expired_url" (a URL or null), "humans_only" (true or false), "title" and "note" (text or null), "starts_at" (a time or null) and "preview" (an object or null)

## Fields of a new link

error-expires-at-format = expires_at must be a date and time such as 2026-12-31T23:59:00Z
error-expires-at-range = expires_at must be a time before the year 10000 in UTC
error-expires-at-past = expires_at must be in the future
error-starts-at-format = starts_at must be a date and time such as 2026-12-31T23:59:00Z
error-starts-at-range = starts_at must be a time before the year 10000 in UTC
error-starts-at-after-expiry = starts_at must come before expires_at
error-max-clicks = max_clicks must be a whole number, at least 1
error-collection-secret = collection must be a collection's secret or its URL
# $name is the campaign tag's field (utm_source, utm_medium, ...); $max its greatest number of characters.
error-campaign-tag = { $name } must be at most { NUMBER($max, useGrouping: "false") } characters, without control characters
# $min and $max are the shortest and longest lengths of a password, in characters.
error-password-too-short = The password must have at least { NUMBER($min, useGrouping: "false") } characters
error-password-too-long = The password must have at most { NUMBER($max, useGrouping: "false") } characters
error-no-urls = Give at least one URL
# $max is how many links one request may create; $count how many were sent.
error-too-many-links = At most { NUMBER($max, useGrouping: "false") } links at once ({ NUMBER($count, useGrouping: "false") } given)
error-custom-key-bulk = A custom key can only be given to a single link

## Smart links: rules, split and fallback

# $max is how many rules a link may have.
error-too-many-rules = A link may have at most { NUMBER($max, useGrouping: "false") } rules
# $max is how many variants a split may have.
error-variant-count = A split needs 2 to { NUMBER($max, useGrouping: "false") } variants
# $place is the rule's number (1 for the first); $reason one of the error-rule-… or
# error-invalid-url messages, which continue the sentence.
error-rule = Rule { NUMBER($place, useGrouping: "false") }: { $reason }
# $place is the variant's number (1 for the first); $reason error-variant-weight or
# an error-invalid-url message, which continue the sentence.
error-variant = Variant { NUMBER($place, useGrouping: "false") }: { $reason }
# $min and $max are the smallest and greatest weights.
error-variant-weight = the weight must be { NUMBER($min, useGrouping: "false") } to { NUMBER($max, useGrouping: "false") }
# expired_url is the field's name; $error is the error-invalid-url (or error-url-user-info) message.
error-expired-url = expired_url: { $error }
error-rule-no-condition = a rule needs at least one condition
# $tag is what was typed, in quotes; "de" is an example of a language tag.
error-rule-language = { $tag } is not a language tag such as "de"
# $max is how many query conditions a rule may have.
error-rule-query-count = at most { NUMBER($max, useGrouping: "false") } query conditions
# $max is the greatest number of characters of a query name or value.
error-rule-query-text = query names must be 1 to { NUMBER($max, useGrouping: "false") } characters and values at most that, without control characters
# "after" and "before" are the names of the fields: keep them.
error-rule-times = {"\""}after" must be earlier than "before"
error-rule-time-format = times look like 2026-12-31T23:59
error-rule-time-range = times must fall in the years 0000 to 9999 in UTC
error-rule-device = the device must be ios, android, mobile or desktop

## The owner's page and the peek

error-forward-query = forward_query must be on or off
error-humans-only = humans_only must be on, off or auto
error-stats-change = stats must be off or new
error-nothing-to-change = Nothing to change: send target_url, forward_query or stats
error-peek-device = device must be ios, android, mobile or desktop
error-peek-language = language must be a language tag such as de
error-peek-at = at must be a date and time such as 2026-12-31T23:59:00Z
error-peek-at-range = at must be a time before the year 10000 in UTC
error-days = days must be 7, 30, 90 or 365

## Collections

error-collection-name-missing = Give the collection a name
# $max is the greatest number of characters of a collection's name.
error-collection-name-too-long = The name must be at most { NUMBER($max, useGrouping: "false") } characters
error-collection-name-control = The name must not contain control characters
error-text-too-long = The text must be at most { NUMBER($max, useGrouping: "false") } characters
error-text-control = The text must not contain control characters
error-preview-title = A link preview needs a title
error-preview-image = The preview image: { $reason }
error-previews-off = This instance does not show link previews
error-preview-humans-only = A link preview needs humans_only: it is shown only on the Continue page
error-sort = sort must be date or clicks
error-page = page must be a whole number from 1 up
error-collection-full = This collection is full: it holds at most { NUMBER($max, useGrouping: "false") } links. Start another collection.
error-no-collection = No collection has this secret
error-not-admin-url = This is not the admin URL of a link on this site
error-admin-url = Paste the admin URL of the link (https://…/admin/…)
error-rotate-links = links must be true or false
# $max is how many links one request may change.
error-too-many-keys = At most { NUMBER($max, useGrouping: "false") } keys at once

## Reports and moderation

error-report-reason = Choose a reason: phishing, malware, spam, illegal or other
# $max is the greatest number of characters of a report's details.
error-details-too-long = The details must be at most { NUMBER($max, useGrouping: "false") } characters
error-details-control = The details must not contain control characters
error-disable-reason-missing = Give a reason: the link's visitors and owner will read it
# $max is the greatest number of characters of the operator's reason.
error-disable-reason-too-long = The reason must be one line of at most { NUMBER($max, useGrouping: "false") } characters
error-moderate-action = The action must be disable, enable or dismiss
error-moderate-sort = The order must be reports or newest
error-moderate-page = The page must be a whole number from 1

## Where a smart link sends visitors, on the moderation page and peek

# What sends visitors somewhere: the link's own target; a rule or split variant by its number (counted from 1); the address after expiry.
destination-default = its own target
destination-rule = rule { $number }
destination-variant = variant { $number }
destination-expired = once expired
# A rule that holds only from or until a time; $date is a date and time in words.
destination-from = from { $date }
destination-until = until { $date }
