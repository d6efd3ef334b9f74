# English: the app's default language and the catalog the others follow. Every
# message here must be in every other catalog (a test checks).

## Site-wide

site-name = Shortener
lang-switch = Sprache
skip-to-content = Zum Inhalt springen

## Dates: { $day } is the day of the month, { $month } a name below, { $year } the year.

date-day = { $day }. { $month } { $year }
date-day-short = { $day }. { $month }
date-time = { $date }, { $time } UTC
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember
month-short-1 = Jan.
month-short-2 = Feb.
month-short-3 = März
month-short-4 = Apr.
month-short-5 = Mai
month-short-6 = Juni
month-short-7 = Juli
month-short-8 = Aug.
month-short-9 = Sept.
month-short-10 = Okt.
month-short-11 = Nov.
month-short-12 = Dez.

## The footer of every page

footer-about = Kurzlinks mit einer privaten Seite für ihre Besitzer.
# A link to the API's documentation, followed by ": Accept: application/json".
footer-api = Alles auch als JSON-API

## The copy buttons (with JavaScript)

# On a copy button, for two seconds after it was pressed.
copy-done = Kopiert
# Read out by screen readers after a copy button was pressed.
copy-status-done = In die Zwischenablage kopiert

## Home page: the create form, smart link fields, bulk results, after a delete

# The page's title and heading.
home-title = Link kürzen
home-lead = Fügen Sie eine lange URL ein und erhalten Sie einen Kurzlink – dazu eine private Seite mit der Zahl seiner Klicks.
# Shown after a field's label, in smaller type.
home-optional = (optional)

# Private mode: the site asks for a token from its operator before showing the forms.
home-token-heading = Ihr Ersteller-Token
home-token-hint = Diese Website erstellt Links nur für Personen mit einem Token ihres Betreibers. Geben Sie Ihres einmal ein: Dieser Browser merkt es sich.
home-token = Ersteller-Token
# The button that sends the token.
home-token-continue = Weiter

# The URL to shorten.
home-target-url = Lange URL
# The short link's own key (the part after the site's address), chosen instead of a random one.
home-custom-key = Eigenes Kürzel
home-custom-key-hint = 3 bis 32 Buchstaben, Ziffern, „-“ oder „_“. Leer lassen für ein zufälliges Kürzel.
# A folded section; "check" is the option below that checks the long URL answers.
home-more-options = Weitere Optionen: Titel, Notiz, Ablauf, Klicklimit, Passwort, Kampagnen-Tags, Prüfung
home-title-field = Titel
home-note = Notiz
home-note-hint = Nur Sie sehen sie, auf der privaten Seite dieses Links.
home-preview = Linkvorschau
home-preview-hint = Was Chat-Apps und Mail-Vorschauen für diesen Link zeigen, statt der Karte des Ziels. Sie erscheint nur auf der Seite mit dem Weiter-Knopf, die sie bekommen; dafür braucht es „Nur Menschen zählen“.
home-preview-title = Titel der Vorschau
home-preview-description = Beschreibung der Vorschau
home-preview-image = Bild-URL der Vorschau
home-expires-at = Läuft ab am
# After "Expires at": the time typed is in UTC.
home-expires-at-note = (UTC, optional)
home-starts-at = Aktiv ab
home-starts-at-hint = Bis dahin erfahren Besucher, wann, und nichts wird gezählt.
home-max-clicks = Nach so vielen Klicks beenden
home-password = Passwort für Besucher
home-password-hint = Mindestens 8 Zeichen. Besucher müssen es eingeben, bevor sie weitergeleitet werden.
home-check-target = Vor dem Kürzen prüfen, ob die lange URL antwortet
# A checkbox label, followed by "(?utm_source=mail { home-forward-query-example })".
home-forward-query = Query-Parameter der Besucher an die lange URL anhängen
# Inside parentheses, after the code sample "?utm_source=mail": the sample typed after the short link is passed on to the long URL.
home-forward-query-example = am Kurzlink wird weitergegeben
# The utm_source, utm_medium... fields (their names are shown as they are).
home-campaign = Kampagnen-Tags
home-campaign-note = (optional, werden an die lange URL angehängt)
# The create form's button (also the smart link section's first button on the home page).
home-shorten = Kürzen

# A second form: many long URLs at once.
home-many = Mehrere auf einmal
home-many-urls = Lange URLs, eine pro Zeile
# { $count } is the most URLs one form may hold.
home-many-limit = (bis zu { $count })
home-shorten-all = Alle kürzen

# A collection: one private page for many links (a heading, then the form's button).
home-collection = Sammlung anlegen
home-collection-hint = Eine private Seite für viele Links: ihre Klicks zusammen, ein Diagramm, eine CSV-Datei. Kein Konto nötig: Die Adresse ist der Schlüssel, setzen Sie also ein Lesezeichen.
home-collection-name = Name der Sammlung
home-collection-start = Sammlung anlegen
home-anywhere = Von überall kürzen
home-anywhere-hint = Ziehen Sie diesen Link in Ihre Lesezeichenleiste. Ein Klick darauf auf einer beliebigen Seite öffnet dieses Formular mit deren Adresse. Als App auf dem Handy installiert, nimmt diese Seite Links auch über das Teilen-Menü an.
home-bookmarklet = Diese Seite kürzen
home-sharex = ShareX (Windows):
home-sharex-download = den Custom Uploader herunterladen
home-sharex-token = Ersetzen Sie YOUR-CREATOR-TOKEN durch Ihr Ersteller-Token.

## Smart link fields (the create form and the admin page)

# A folded section: rules that send visitors elsewhere, a split between variants, where the link leads after it ends.
smart-summary = Smart Link: Regeln, Aufteilung, nach dem Ende
smart-rules = Regeln
smart-rules-note = (die erste, die auf einen Besucher zutrifft, schickt ihn zu ihrer URL)
# The heading of one rule; { $number } is its place (1, 2, ...).
smart-rule = Regel { $number }
# The visitor's kind of device.
smart-device = Gerät
# The device choice that matches every device.
smart-device-any = Alle
# A device's name in the device list; { $device } is ios, android, mobile or desktop.
smart-device-name =
    { $device ->
        [ios] iOS
        [android] Android
        [mobile] Mobilgerät
        [desktop] Desktop
       *[other] { $device }
    }
# The visitor's language; "de" is a language tag, as typed in the field.
smart-language = Sprache
smart-language-example = (z. B. de)
# The short link's query string; "src=poster" is typed as it is.
smart-query = Query-Parameter
smart-query-example = (z. B. src=poster)
# The rule applies from this time...
smart-after = Ab
# ...until this time.
smart-before = Bis
# After "From" and "Until": the times are in UTC.
smart-utc = (UTC)
# The URL the rule sends visitors to.
smart-target = Weiterleiten zu
# The A/B split of visitors between several URLs (a legend, then a note).
smart-split = Aufteilung
smart-split-note = (die Besuche, die keine Regel übernommen hat, nach Gewichtung verteilt; jeder Besucher sieht weiterhin dieselbe Variante)
# One URL of the split; { $number } is its place (1, 2, ...).
smart-variant = Variante { $number }
# A variant's share of the visits.
smart-weight = Gewichtung
smart-weight-range = (1 bis 100)
# A URL visitors go to once the link has expired or used up its clicks.
smart-expired-url = Nach dem Ende Besucher weiterleiten zu
smart-optional = (optional)
smart-expired-url-hint = Sobald der Link abgelaufen ist oder seine Klicks aufgebraucht hat, führt er hierhin, statt zu melden, dass er abgelaufen ist.
# Whether only people are counted (and let through), not link previews or mail scanners.
smart-humans-only = Nur Menschen zählen
# Choices of "Count people only": only when the link has a click limit, always, never.
smart-humans-auto = Bei einem Klicklimit
smart-humans-on = Immer
smart-humans-off = Nie
# "Continue" is the button such a visitor sees.
smart-humans-only-hint = Link-Vorschauen und Mail-Scanner erhalten eine Schaltfläche „Weiter“ und werden nicht gezählt – so können sie einen Einmal-Link nicht aufbrauchen.
# The admin page's button that saves these fields.
smart-save = Smart Link speichern
# Buttons that show the form again with one more empty row.
smart-add-rule = Weitere Regel hinzufügen
smart-add-variant = Weitere Variante hinzufügen

## Results of "many at once"

bulk-title = Ihre Kurzlinks
# { $created } links were made out of { $total } lines (the rest were refused, with why).
bulk-created = { $created } von { $total } erstellt.
bulk-save-admin-links = Speichern Sie die Admin-Links jetzt: Nur auf dieser Seite werden sie angezeigt, und nur mit ihnen können Sie die Klicks sehen oder einen Link löschen.
# The table's column headings.
bulk-long-url = Lange URL
bulk-short-link = Kurzlink
bulk-admin-page = Admin-Seite (geheim halten)
bulk-shorten-more = Weitere Links kürzen

## After a delete

deleted-title = Link gelöscht
deleted-success = Der Kurzlink wurde erfolgreich gelöscht.
# When the page is opened without having just deleted a link.
deleted-done = Der Link wurde gelöscht.
deleted-explained = Der Kurzlink leitet niemanden mehr weiter, und sein Kürzel wird nie wieder vergeben.
deleted-shorten-another = Einen weiteren Link kürzen

## The owner's pages: a link's admin page, its shared stats page, a collection

## The clicks of a link or a collection (admin, stats and collection pages)

clicks-heading = Klicks
# The label of the choice of how many days the chart shows.
clicks-windows = Angezeigte Tage
# One choice of that window: 7, 30, 90 or 365 days.
clicks-window = { $days ->
    [one] { $days } Tag
   *[other] { $days } Tage
}
# Follows a number of clicks shown in bold: "7 in the last 30 days". $count is
# that number of clicks (to agree with it), $days the window.
clicks-recent = in den letzten { $days } Tagen
# Follows a number of clicks: "120 in all". $count is that number.
clicks-all = insgesamt

## The chart of clicks per day

# The chart's description for screen readers. $total clicks over $days days; $max
# is the most clicks on a single day.
chart-title = Klicks pro Tag in den letzten { $days } Tagen: insgesamt { $total }, höchstens { $max } an einem Tag
# A day's bar, on hover: $day is the day (2026-11-28), $count its clicks.
chart-bar = { $day }: { $count ->
    [one] { $count } Klick
   *[other] { $count } Klicks
}

## Where clicks come from (referrers and kinds of client)

sources-heading = Woher die Klicks kommen
sources-referrers = Verweisende Seiten
# The column of referring sites' names.
sources-site = Website
# The kinds of client that clicked (browser, bot, other).
sources-clients = Clients
# The column of the kinds of client.
sources-kind = Art
sources-clicks = Klicks
sources-none = Noch keine Klicks.
sources-privacy = Gespeichert werden nur der Name der verweisenden Website und eine grobe Art des Clients: nie Adressen, vollständige Links oder Browserdetails.
# A referrer: clicks that came with no referring page (typed, bookmarked, from an app).
sources-direct = direkt
# A referrer: clicks whose referring page named no site.
sources-unknown = unbekannt
# A referrer: all the sites past the 100 that are counted one by one.
sources-other-hosts = weitere Hosts
# A kind of client: a web browser.
sources-browser = Browser
# A kind of client: a crawler, link preview, mail scanner or monitor.
sources-bot = Bot
# A kind of client: anything else.
sources-other = Sonstige

## The admin page of a short link (its owner's secret page)

admin-title = Ihr Kurzlink
admin-ready = Ihr Kurzlink ist fertig
admin-ready-save = Speichern Sie diese Seite: Nur über sie kommen Sie hierher zurück.
admin-ready-bookmark = Setzen Sie ein Lesezeichen, um später die Klicks zu sehen oder den Link zu löschen. Niemand sonst kann diese Seite für Sie finden.
admin-short-link = Kurzlink
# A button that copies the field beside it to the clipboard.
admin-copy = Kopieren
admin-page-url = Diese Seite (geheim halten)
admin-stats-url = Statistik zum Teilen (nur Zahlen)
admin-stats-url-hint = Zeigt die Klicks, das Diagramm und woher sie kommen; ändern oder löschen lässt sich damit nichts.
admin-stats-url-off-label = Statistik zum Teilen
# "Sharing and safety" is the heading admin-sharing, further down the page.
admin-stats-url-off = Ausgeschaltet. Erstellen Sie unten unter „Teilen und Sicherheit“ einen neuen Link.
# Where the short link leads (a label followed by the long URL).
admin-goes-to = Führt zu
admin-created = Erstellt
admin-clicks = Klicks
admin-expires = Läuft ab
# The link never expires.
admin-expires-never = Nie
admin-starts = Aktiv ab
admin-click-limit = Klicklimit
# The click limit $max, and how many clicks are left before it is reached.
admin-click-limit-value = { $max } (noch { $left } übrig)
# Whether a visitor's query string (?utm_source=…) is added to the long URL.
admin-forward-query = Weitergabe von Query-Parametern
# Query forwarding on, in two pieces around a query string shown as code:
# "On: a visitor's ?utm_source=… is added to the target (the visitor's value wins)".
admin-forward-on-start = An: Der Parameter
admin-forward-on-end = eines Besuchers wird an das Ziel angehängt (der Wert des Besuchers hat Vorrang)
admin-forward-off = Aus
admin-password = Passwort
admin-password-on = Besucher brauchen ein Passwort
# No password.
admin-password-none = Keines
admin-status = Status
admin-status-deleted = Gelöscht
# $reason is the operator's reason, as they wrote it (not translated).
admin-status-disabled = Vom Betreiber dieser Website deaktiviert: { $reason }. Besucher sehen „Dieser Link wurde deaktiviert“; er kann von hier aus weder geändert noch wieder aktiviert werden
admin-status-expired = Abgelaufen: Besucher sehen „Dieser Link ist abgelaufen“
admin-status-waiting = Noch nicht aktiv: Besucher erfahren, wann er online geht
admin-status-active = Aktiv
# Followed by the date and time of the last click.
admin-last-click = letzter Klick:
admin-last-click-never = letzter Klick: nie
admin-qr = QR-Code
# The QR code image's description; $url is the short link.
admin-qr-label = QR-Code von { $url }
admin-qr-scans = Führt beim Scannen zu { $url }.
# The caption goes on with two links, SVG and PNG, between these pieces:
# "Download it as SVG or PNG."
admin-qr-download = Herunterladen als
admin-qr-download-or = oder
admin-qr-download-end = .
admin-edit = Ziel ändern…
admin-edit-target = Neue lange URL
admin-edit-hint = Klicks, Ablauf, Klicklimit und Passwort bleiben unverändert.
admin-edit-save = Speichern
admin-annotate = Titel und Notiz
admin-preview-hint = Nur auf der Weiter-Seite für Link-Vorschauen zu sehen. Alles leer: keine Vorschau.
admin-schedule = Startzeit
admin-schedule-hint = Leer: sofort aktiv. Bis dahin erfahren Besucher, wann, und nichts wird gezählt.

## The admin page: the smart link (rules, a split between variants)

admin-smart = Smart Link
admin-smart-none = Keine Regeln und keine Aufteilung: Jeder Besucher gelangt zur langen URL.
admin-smart-caption = Klicks in den letzten { $days } Tagen, danach, was über ihr Ziel entschieden hat
# Table heading: the rule or variant that chose the target.
admin-smart-decided-by = Entschieden durch
# Table heading: the rule's conditions.
admin-smart-when = Wann
admin-smart-goes-to = Führt zu
admin-smart-clicks = Klicks
# $number is the rule's place in the list: "Rule 2".
admin-smart-rule = Regel { $number }
# $number is the variant's place in the split: "Variant 2".
admin-smart-variant = Variante { $number }
# A variant's share of the visitors, as a relative weight.
admin-smart-weight = Gewichtung { $weight }
# A rule's condition: $value is the device as the API names it (ios, android, mobile, desktop).
admin-rule-device = Gerät { $value }
# A rule's condition: $value is a language tag (de, fr, ...).
admin-rule-language = Sprache { $value }
# A rule's condition: from the date and time $value on.
admin-rule-from = ab { $value }
# A rule's condition: until the date and time $value.
admin-rule-until = bis { $value }
# Followed by a link to the URL visitors go to once the link has expired, then admin-smart-after-end-end.
admin-smart-after-end = Nach dem Ende gelangen Besucher zu
admin-smart-after-end-end = .
# "Continue" is the button of the page that previews and scanners are shown.
admin-smart-humans = Zählt nur Menschen: Link-Vorschauen und Mail-Scanner erhalten eine Schaltfläche „Weiter“.
admin-smart-every-visit = Zählt jeden Besuch.
# A link to a page that shows where the short link would send a visitor.
admin-smart-peek = Ausprobieren, wohin er einen Besucher schickt
# After the link admin-smart-peek.
admin-smart-peek-note = (es wird nichts gezählt).

## The admin page: sharing, a new address, deleting

admin-sharing = Teilen und Sicherheit
admin-stats-replace = Statistik-Link ersetzen
admin-stats-make = Statistik-Link erstellen
admin-stats-off = Statistik-Link ausschalten
admin-forward-stop = Query-Parameter der Besucher nicht mehr anhängen
admin-forward-start = Query-Parameter der Besucher an das Ziel anhängen
admin-sharing-hint-stats = Ein ersetzter oder ausgeschalteter Statistik-Link antwortet mit „nicht gefunden“.
# A sentence in pieces around two examples shown as code: "With query forwarding
# on, https://sho.rt/abc?utm_source=mail goes to the target with utm_source=mail added."
admin-sharing-hint-forward = Ist die Weitergabe von Query-Parametern an, führt
admin-sharing-hint-forward-goes = zum Ziel, wobei
admin-sharing-hint-forward-added = angehängt wird.
admin-rotate = Jemand anderes kennt die Adresse dieser Seite…
admin-rotate-explain = Geben Sie dieser Seite eine neue Adresse: Die alte funktioniert sofort und überall nicht mehr, und der Link verlässt jede Sammlung, in der er ist (fügen Sie ihn wieder hinzu, indem Sie die neue Adresse auf der Seite einer Sammlung einfügen). Der Kurzlink, seine Klicks und sein Statistik-Link bleiben unverändert.
admin-rotate-confirm = Ja, dieser Seite eine neue Adresse geben
admin-collections = Sammlungen, in denen dieser Link ist
admin-collections-explain = Jede dieser Sammlungen zeigt die Adresse dieser Seite. Nehmen Sie den Link aus jeder heraus, die Sie nicht kennen, und geben Sie dann dieser Seite eine neue Adresse.
admin-collections-leave = Aus { $name } herausnehmen
admin-delete = Diesen Link löschen…
admin-delete-explain = Besucher erhalten „nicht gefunden“, und das Kürzel wird nie an jemand anderen vergeben. Das lässt sich nicht rückgängig machen.
admin-delete-confirm = Ja, diesen Link löschen

## The admin page: what it says after a change

admin-notice-updated = Gespeichert: Der Link führt jetzt zur neuen Adresse.
admin-notice-forward-on = Gespeichert: Query-Parameter der Besucher werden jetzt an das Ziel angehängt.
admin-notice-forward-off = Gespeichert: Query-Parameter der Besucher werden nicht mehr an das Ziel angehängt.
admin-notice-stats-off = Der Statistik-Link ist ausgeschaltet: Er öffnet nichts mehr.
admin-notice-stats-new = Der Statistik-Link wurde ersetzt: Der alte öffnet nichts mehr.
admin-notice-smart = Gespeichert: die Regeln, die Aufteilung und wohin der Link nach dem Ende führt.
admin-notice-rotated = Diese Seite hat eine neue Adresse: Die alte funktioniert nicht mehr, und der Link hat jede Sammlung verlassen, in der er war. Setzen Sie jetzt ein Lesezeichen für die neue.
admin-notice-left = Der Link wurde aus dieser Sammlung genommen: Sie zeigt ihn nicht mehr.
admin-notice-previewed = Gespeichert: die Linkvorschau.
admin-notice-annotated = Gespeichert: Titel und Notiz.
admin-notice-scheduled = Gespeichert: die Startzeit.

## The stats page (a link's counts, shared by its owner)

# The page's title; $url is the short link.
stats-title = Klicks von { $url }
# The heading, followed by the short link.
stats-heading = Klicks von

## A collection's page (one secret page for many links)

# The page's title; $name is the collection's name, as its owner wrote it.
collection-title = { $name } · Sammlung
collection-page-url = Seite dieser Sammlung (geheim halten)
# A button that copies the field beside it to the clipboard.
collection-copy = Kopieren
collection-links = Links
collection-clicks = Klicks
collection-clicks-heading = Klicks aller Links
collection-links-heading = Links
# The label of the choice of the list's order.
collection-order = Reihenfolge
collection-sort-date = Neueste zuerst
collection-sort-clicks = Meistgeklickte zuerst
# A key is the part of a short link after the last slash.
collection-find-label = Nach Kürzel oder langer URL suchen
collection-find = Suchen
collection-empty = Noch keine Links: Erstellen Sie unten einen oder fügen Sie einen früher erstellten über seine Admin-URL hinzu.
# $filter is what was typed into the search field.
collection-no-match = Kein Link passt zu „{ $filter }“.
# The list's description for screen readers: $shown links are listed of the $count in the collection.
collection-shown = { $shown } von { $count } Links
# Table heading of the checkboxes (for screen readers only).
collection-select = Auswählen
# A checkbox's label for screen readers; $key is the short link's key.
collection-select-link = { $key } auswählen
collection-short-link = Kurzlink
collection-goes-to = Führt zu
collection-created = Erstellt
collection-status = Status
# Table heading: a link to each link's own admin page.
collection-owner-page = Besitzerseite
# Opens a link's admin page.
collection-open = Öffnen
collection-status-active = aktiv
collection-status-disabled = deaktiviert
collection-status-expired = abgelaufen
collection-status-deleted = gelöscht
collection-deactivate = Ausgewählte Links deaktivieren
collection-csv = Liste herunterladen (CSV)
collection-page = Seite { $page } von { $pages }
collection-previous = Vorherige Seite
collection-next = Nächste Seite
collection-pages = Seiten der Liste
collection-add-heading = Links hinzufügen
collection-new-target = Neuer Kurzlink für diese lange URL
collection-shorten = In diese Sammlung kürzen
collection-join-label = Oder einen früher erstellten Link hinzufügen: seine Admin-URL
collection-join = Zu dieser Sammlung hinzufügen
collection-rotate = Jemand anderes kennt die Adresse dieser Seite…
collection-rotate-explain = Geben Sie dieser Sammlung eine neue Adresse: Die alte funktioniert sofort und überall nicht mehr. Ihre Links bleiben unverändert.
collection-rotate-confirm = Ja, dieser Sammlung eine neue Adresse geben
collection-rotate-links-explain = Wenn die Adresse dieser Seite bekannt wurde, dann auch die Admin-Adressen, die sie zeigt: Geben Sie auch ihren Links neue. Sie verlassen dann jede andere Sammlung.
collection-rotate-links-confirm = Ja, und jedem Link darin eine neue Admin-Adresse geben

## A collection's page: what it says after a change

collection-notice-created = Ihre Sammlung ist fertig. Setzen Sie ein Lesezeichen für diese Seite: Ihre Adresse ist der einzige Schlüssel zu ihr.
collection-notice-added = Der Link wurde dieser Sammlung hinzugefügt.
collection-notice-none-selected = Kein Link ausgewählt: Markieren Sie zuerst die Links, die Sie deaktivieren möchten.
collection-notice-rotated = Diese Sammlung hat eine neue Adresse: Die alte funktioniert nicht mehr. Setzen Sie jetzt ein Lesezeichen für die neue.
collection-notice-rotated-links =
    { $count ->
        [one] Diese Sammlung hat eine neue Adresse, und { $count } Link darin hat eine neue Admin-Adresse: Die alten funktionieren nicht mehr. Setzen Sie jetzt ein Lesezeichen für diese Seite.
       *[other] Diese Sammlung hat eine neue Adresse, und { $count } Links darin haben neue Admin-Adressen: Die alten funktionieren nicht mehr. Setzen Sie jetzt ein Lesezeichen für diese Seite.
    }
# $count links were deactivated; English writes "link(s)" for any number, other
# languages may choose plural forms by $count.
collection-notice-deactivated =
    { $count ->
        [one] { $count } Link deaktiviert: Er leitet nicht mehr weiter.
       *[other] { $count } Links deaktiviert: Sie leiten nicht mehr weiter.
    }

## Visitor pages: where a link goes (peek), reports, moderation, the Continue and password pages, errors, the API page

## Peek: /peek/<key>, where a short link goes without going there

peek-title = Wohin führt er?
peek-heading = Wohin führt dieser Link?
# Follows the short link's address; the target's address comes on the next line:
# "https://s.example/abc leads to: https://example.com/page"
peek-leads-to = führt zu:
# Followed by what decided where the link leads (peek-decided-...), in bold.
peek-decided-by = Entschieden durch:
# What decided: the smart link's rule number $number (as counted from 1 in the owner's list).
peek-decided-rule = Regel { $number }
# What decided: the smart link's split variant number $number (counted from 1).
peek-decided-variant = Variante { $number }
# What decided: nothing special, the link's own target.
peek-decided-default = Standard
# What decided: the link has expired and leads to its "after expiry" address.
peek-decided-expired = abgelaufen
# Anything else that decided, as the server names it ($what, in English).
peek-decided-other = { $what }
# $date is a date and time in words ("November 28, 2026, 14:05 UTC").
peek-changed-on = Sein Besitzer hat das Ziel zuletzt am { $date } geändert.
peek-unchanged = Er führt dorthin, seit er erstellt wurde.
peek-switches-on = Am { $date } ändert sich, wohin er führt, wie sein Besitzer es geplant hat.
peek-destinations = Er kann auch dorthin führen
# A form that asks where the link would lead for another kind of visitor.
peek-try-heading = Anderen Besucher ausprobieren
peek-try-hint = Es wird nichts gezählt. Leere Felder stehen für Sie selbst, so wie Sie gerade sind.
peek-device = Gerät
# The device list's first choice: the device of the person looking at the page.
peek-device-yours = Wie Sie gerade sind
# Device names in the list (iPhone and iPad; Android; any phone or tablet; desktop or laptop).
peek-device-ios = iOS
peek-device-android = Android
peek-device-mobile = Mobilgerät
peek-device-desktop = Desktop
# The visitor's language to try, typed as a language code such as "de".
peek-language = Sprache
peek-time = Zeit (UTC)
# The button that shows where the link leads for the visitor described.
peek-try = Ausprobieren
peek-shorten-own = Eigenen Link kürzen

## Reports: the report form (on /report/<key> and the peek page) and its thanks

report-title = Link melden
# Followed by the short link's address and a full stop.
report-about = Betrifft den Kurzlink
report-form-heading = Diesen Link melden
report-form-hint = Informieren Sie den Betreiber dieser Website, wenn der Link zu etwas Schädlichem führt. Mit der Meldung wird nichts über Sie gespeichert.
# The question above the reasons to choose from.
report-form-why = Warum?
report-reason-phishing = Phishing: Er imitiert eine Website, um Zugangsdaten oder Geld zu stehlen
report-reason-malware = Malware: Er lädt etwas Schädliches herunter oder führt es aus
report-reason-spam = Spam
report-reason-illegal = Illegale Inhalte
report-reason-other = Etwas anderes
report-form-details = Was haben Sie gesehen?
report-form-optional = (optional)
report-form-send = Meldung senden
report-received-title = Meldung erhalten
report-received-thanks = Vielen Dank. Die Meldung ist eingegangen.
report-received-next = Der Betreiber dieser Website wird sie prüfen.
report-received-home = Zur Startseite

## Moderation: the operator's page of reported links (/moderate/<secret>)

moderate-title = Moderation
# $query is what the operator searched for: a short key or a host name.
moderate-lead-search = Links, deren Kürzel „{ $query }“ lautet oder deren Ziel auf diesem Host liegt.
moderate-lead-reported = Links mit offenen Meldungen, die meistgemeldeten zuerst.
moderate-lead-secret = Behalten Sie die Adresse dieser Seite für sich: Sie ist der Schlüssel des Betreibers.
moderate-search-label = Link nach Kürzel oder Host suchen
# The search button.
moderate-search = Suchen
moderate-search-back = Zurück zu den gemeldeten Links
moderate-no-match = Kein Link passt.
moderate-no-reports = Keine offenen Meldungen. Nichts zu tun.
# Followed by the link's target address.
moderate-to = Ziel:
# Labels of a link's facts.
moderate-created = Erstellt
moderate-clicks = Klicks
moderate-changed = Ziel geändert
moderate-next-switch = Nächster geplanter Wechsel
moderate-open-reports = Offene Meldungen
# The note given to the creator token the link was made with.
moderate-token = Ersteller-Token
moderate-state = Zustand
# $reason is the operator's reason for disabling, as typed.
moderate-disabled = Deaktiviert: { $reason }
# The state of a link that is not disabled.
moderate-forwarding = Leitet weiter
# After the number of open reports: how many are for one reason, e.g. "phishing 3".
# $reason is one of the moderate-reason-... words, $count the number.
moderate-reason-count = { $reason } { $count }
# Report reasons, short, as the operator sees them.
moderate-reason-phishing = Phishing
moderate-reason-malware = Malware
moderate-reason-spam = Spam
moderate-reason-illegal = Illegales
moderate-reason-other = Sonstiges
moderate-newest = Neueste Meldungen
moderate-disable-reason = Grund für die Deaktivierung
# Buttons: stop the link forwarding; let it forward again; close its reports without doing anything.
moderate-disable = Deaktivieren
moderate-enable = Wieder aktivieren
moderate-dismiss = Meldungen verwerfen
moderate-lead-newest = Links mit offenen Meldungen, die neueste Meldung zuerst.
moderate-sort-newest = Neueste Meldungen zuerst
moderate-sort-reports = Meistgemeldete zuerst
moderate-pages = Seiten
moderate-page = Seite { $page }
moderate-previous = Vorige Seite
moderate-next = Nächste Seite
moderate-destinations = Schickt Besucher auch zu

## The Continue page: a link that counts people only, opened by a link preview or mail scanner

continue-title = Weiter zum Link
continue-preview = Die Vorschau des Links
continue-lead = Dieser Link zählt nur Besuche von Menschen, daher halten Link-Vorschauen und Mail-Scanner hier an.
continue-button = Weiter
continue-shorten-own = Eigenen Link kürzen

## A short link that does not forward: the password form, or why it stopped

locked-title = Geschützter Link
locked-heading = Dieser Link ist geschützt
locked-lead = Sein Besitzer hat ein Passwort festgelegt. Geben Sie es ein, um fortzufahren.
locked-password = Passwort
locked-continue = Weiter
locked-expired-title = Dieser Link ist abgelaufen
locked-disabled-title = Dieser Link wurde vom Betreiber dieser Website deaktiviert
# $reason is the operator's reason, as typed (in the operator's language).
locked-disabled-reason = Angegebener Grund: { $reason }
locked-shorten-own = Eigenen Link kürzen
locked-report = Diesen Link melden

## The error page: "404 · Not Found", then what went wrong

status-400 = Ungültige Anfrage
status-401 = Nicht autorisiert
status-403 = Verboten
status-404 = Nicht gefunden
status-405 = Methode nicht erlaubt
status-409 = Konflikt
status-410 = Nicht mehr verfügbar
status-413 = Anfrage zu groß
status-415 = Nicht unterstützter Medientyp
status-422 = Nicht verarbeitbare Anfrage
status-429 = Zu viele Anfragen
status-500 = Interner Serverfehler
status-503 = Dienst nicht verfügbar
error-page-home = Zur Startseite

## The API page (/docs): its own headings; the reference itself stays in English

docs-title = API
docs-heading = Die API
# Followed by the header "Accept: application/json" (as code) and a full stop.
docs-lead-json = Jede Seite hier gibt es auch als JSON: Senden Sie
# Followed by {"detail": "..."} (as code) and a full stop.
docs-lead-errors = Fehler kommen als
# Followed by a link "/openapi.json", then "(OpenAPI 3.1);" and docs-lead-same.
docs-lead-spec = Die maschinenlesbare Beschreibung liegt unter
docs-lead-same = diese Seite zeigt dasselbe Dokument.
# Shown in languages other than English only.
docs-reference-english = Die Referenz unten ist auf Englisch, wie die JSON-Antworten der API.
docs-rules = Regeln, die für jede Route gelten
docs-parameters = Parameter
# A parameter of a route: $name is its name (as the API spells it), $about what it is (in English).
docs-param-path = { $name } (im Pfad): { $about }
docs-param-query = { $name } (in der Query): { $about }
docs-param-header = { $name } (in einem Header): { $about }
# The request body a route takes.
docs-body = Body
# The answers a route can give, one per HTTP status.
docs-answers = Antworten
docs-status = Status
docs-meaning = Bedeutung
# Column of the media types an answer comes as (application/json, text/html).
docs-as = Als
docs-headers = Header

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
error-url-not-found = Die URL „{ $url }“ existiert nicht
error-not-found = Die URL existiert nicht
error-internal = Interner Serverfehler
error-unavailable = Der Dienst ist ausgelastet; bitte versuchen Sie es erneut
error-no-free-key = Es wurde kein freies Kürzel gefunden; bitte versuchen Sie es erneut
error-cross-site = Formularübermittlungen von anderen Websites werden nicht angenommen
# $methods is the list of HTTP methods the address accepts, such as "GET, HEAD".
error-method-not-allowed = Methode nicht erlaubt; dieser Pfad akzeptiert { $methods }
error-method-not-allowed-plain = Methode nicht erlaubt
# $status is HTTP's English name of the status, such as "Bad Request".
error-not-processed = { $status }: Die Anfrage konnte nicht verarbeitet werden

## Target URLs. $reason in error-invalid-url is one of the error-url-… messages
## below, which continue the sentence (in English, lower case).

error-invalid-url = Die angegebene URL ist ungültig: { $reason }
error-url-empty = sie ist leer
# $max is the greatest number of characters a URL may have.
error-url-too-long = sie ist länger als { $max } Zeichen
# $max is the greatest number of characters a URL may have, once special characters are encoded.
error-url-too-long-encoded = sie ist kodiert länger als { $max } Zeichen
error-url-spaces = sie enthält Leerzeichen oder Steuerzeichen
error-url-not-absolute = sie ist keine absolute URL
error-url-scheme = sie muss mit http:// oder https:// beginnen
error-url-no-host = sie hat keinen Host
error-url-loop = sie verweist zurück auf diesen Kurzlink-Dienst
error-url-user-info = Die Ziel-URL darf keinen Benutzernamen und kein Passwort enthalten
error-target-check = Die Ziel-URL konnte nicht geprüft werden
# $host is the web site (domain name) the link would lead to.
error-blocked = Links zu { $host } sind hier nicht erlaubt

## Short keys

# $key is the key as the visitor typed it; $min and $max are its shortest and longest lengths.
error-key-invalid = Das eigene Kürzel „{ $key }“ ist ungültig: Verwenden Sie { $min } bis { $max } Buchstaben, Ziffern, „-“ oder „_“
# $key is the key as the visitor typed it.
error-key-reserved = Das eigene Kürzel „{ $key }“ ist reserviert
# $key is the key as the visitor typed it.
error-key-taken = Das eigene Kürzel „{ $key }“ ist bereits vergeben
error-secret-taken = Ein Link mit diesem secret_hash ist bereits gespeichert

## Links that cannot be followed or changed

error-gone = Dieser Link ist abgelaufen
error-not-yet = Dieser Link ist noch nicht aktiv: Er geht am { $at } online.
# $reason is the operator's own text, in whatever language they wrote it.
error-disabled = Dieser Link wurde vom Betreiber deaktiviert: { $reason }
# $reason is the operator's own text, in whatever language they wrote it.
error-locked-disabled = Dieser Link wurde vom Betreiber deaktiviert ({ $reason }); er kann nicht geändert werden
# $clicks is how many clicks the link has; $lock the number of clicks after which targets are locked.
error-locked-clicks = Dieser Link hat { $clicks } Klicks; auf dieser Website werden Ziele nach { $lock } Klicks gesperrt
error-token-required = Diese Instanz erstellt Links nur für Personen mit einem Token
error-password-required = Dieser Link ist durch ein Passwort geschützt
error-wrong-password = Falsches Passwort

## Too many requests. $seconds is how many seconds to wait (a number: it may
## choose plural forms).

error-rate-limited = Zu viele Links von Ihrer Adresse erstellt; versuchen Sie es in { $seconds ->
        [one] einer Sekunde
       *[other] { $seconds } Sekunden
    } erneut
error-too-many-reports = Zu viele Meldungen von Ihrer Adresse; versuchen Sie es in { $seconds ->
        [one] einer Sekunde
       *[other] { $seconds } Sekunden
    } erneut
error-too-many-attempts = Zu viele Passwortversuche von Ihrer Adresse; versuchen Sie es in { $seconds ->
        [one] einer Sekunde
       *[other] { $seconds } Sekunden
    } erneut
error-link-braked = Zu viele falsche Passwörter für diesen Link in letzter Zeit; versuchen Sie es in { $seconds ->
        [one] einer Sekunde
       *[other] { $seconds } Sekunden
    } erneut
error-too-many-changes = Zu viele Änderungen an diesem Link; versuchen Sie es in { $seconds ->
        [one] einer Sekunde
       *[other] { $seconds } Sekunden
    } erneut

## Request bodies. $error is the English explanation of the JSON or form reader,
## passed as it is.

# $what is one of the error-body-… messages below: what the request should carry.
error-unsupported-body = Senden Sie { $what } als application/json oder application/x-www-form-urlencoded
error-body-link = den Link
error-body-password = das Passwort
error-body-new-target = das neue Ziel
error-body-report = die Meldung
error-body-decision = die Entscheidung
error-body-token = das Token
error-body-collection = die Sammlung
error-body-admin-url = die Admin-URL
error-body-keys = die Kürzel
error-json-too-large = Der JSON-Body ist zu groß
error-not-utf8 = Der Body konnte nicht als UTF-8-Text gelesen werden
error-invalid-body = Ungültiger Anfrage-Body: { $error }
# $field is the name of the JSON field ("rules" or "variants").
error-invalid-body-field = Ungültiger Anfrage-Body: { $field }: { $error }
# $field is the name of the JSON field that is missing.
error-missing-field = Ungültiger Anfrage-Body: Feld `{ $field }` fehlt
error-malformed-json = Fehlerhaftes JSON: { $error }
error-link-not-object = Jeder Link muss ein JSON-Objekt sein
# $max is how many links one request may create.
error-body-shape = Der Body muss ein JSON-Objekt sein oder ein Array aus bis zu { $max } solchen Objekten
error-form-too-large = Das Formular ist zu groß
# $field is the name of the form's field, as sent.
error-form-field = Formularfeld „{ $field }“: { $error }
error-form-unreadable-because = Das Formular konnte nicht gelesen werden: { $error }
error-form-unreadable = Das Formular konnte nicht gelesen werden
# The names in quotes are the JSON fields, and true, false, "off", "new" and null their values: keep them.
error-edit-shape = Senden Sie ein Objekt mit einem oder mehreren der Felder "target_url" (eine URL), "forward_query" (true oder false), "stats" ("off" oder "new"), "rules" und "variants" (Arrays), "expired_url" (eine URL oder null), "humans_only" (true oder false), "title" und "note" (Text oder null), "starts_at" (eine Zeit oder null) und "preview" (ein Objekt oder null)

## Fields of a new link

error-expires-at-format = expires_at muss ein Datum mit Uhrzeit sein, z. B. 2026-12-31T23:59:00Z
error-expires-at-range = expires_at muss eine Zeit vor dem Jahr 10000 (UTC) sein
error-expires-at-past = expires_at muss in der Zukunft liegen
error-starts-at-format = starts_at muss ein Datum mit Uhrzeit sein, etwa 2026-12-31T23:59:00Z
error-starts-at-range = starts_at muss vor dem Jahr 10000 (UTC) liegen
error-starts-at-after-expiry = starts_at muss vor expires_at liegen
error-max-clicks = max_clicks muss eine ganze Zahl sein, mindestens 1
error-collection-secret = collection muss das Geheimnis einer Sammlung oder ihre URL sein
# $name is the campaign tag's field (utm_source, utm_medium, ...); $max its greatest number of characters.
error-campaign-tag = { $name } darf höchstens { $max } Zeichen lang sein, ohne Steuerzeichen
# $min and $max are the shortest and longest lengths of a password, in characters.
error-password-too-short = Das Passwort muss mindestens { $min } Zeichen haben
error-password-too-long = Das Passwort darf höchstens { $max } Zeichen haben
error-no-urls = Geben Sie mindestens eine URL an
# $max is how many links one request may create; $count how many were sent.
error-too-many-links = Höchstens { $max } Links auf einmal ({ $count } angegeben)
error-custom-key-bulk = Ein eigenes Kürzel kann nur für einen einzelnen Link angegeben werden

## Smart links: rules, split and fallback

# $max is how many rules a link may have.
error-too-many-rules = Ein Link darf höchstens { $max } Regeln haben
# $max is how many variants a split may have.
error-variant-count = Eine Aufteilung braucht 2 bis { $max } Varianten
# $place is the rule's number (1 for the first); $reason one of the error-rule-… or
# error-invalid-url messages, which continue the sentence.
error-rule = Regel { $place }: { $reason }
# $place is the variant's number (1 for the first); $reason error-variant-weight or
# an error-invalid-url message, which continue the sentence.
error-variant = Variante { $place }: { $reason }
# $min and $max are the smallest and greatest weights.
error-variant-weight = die Gewichtung muss zwischen { $min } und { $max } liegen
# expired_url is the field's name; $error is the error-invalid-url (or error-url-user-info) message.
error-expired-url = expired_url: { $error }
error-rule-no-condition = eine Regel braucht mindestens eine Bedingung
# $tag is what was typed, in quotes; "de" is an example of a language tag.
error-rule-language = { $tag } ist kein Sprach-Tag wie „de“
# $max is how many query conditions a rule may have.
error-rule-query-count = höchstens { $max } Query-Bedingungen
# $max is the greatest number of characters of a query name or value.
error-rule-query-text = Query-Namen müssen 1 bis { $max } Zeichen lang sein und Werte höchstens ebenso lang, ohne Steuerzeichen
# "after" and "before" are the names of the fields: keep them.
error-rule-times = {"\""}after" muss vor "before" liegen
error-rule-time-format = Zeitangaben sehen so aus: 2026-12-31T23:59
error-rule-time-range = Zeitangaben müssen in UTC in den Jahren 0000 bis 9999 liegen
error-rule-device = das Gerät muss ios, android, mobile oder desktop sein

## The owner's page and the peek

error-forward-query = forward_query muss on oder off sein
error-humans-only = humans_only muss on, off oder auto sein
error-stats-change = stats muss off oder new sein
error-nothing-to-change = Nichts zu ändern: Senden Sie target_url, forward_query oder stats
error-peek-device = device muss ios, android, mobile oder desktop sein
error-peek-language = language muss ein Sprach-Tag wie de sein
error-peek-at = at muss ein Datum mit Uhrzeit sein, z. B. 2026-12-31T23:59:00Z
error-peek-at-range = at muss eine Zeit vor dem Jahr 10000 (UTC) sein
error-days = days muss 7, 30, 90 oder 365 sein

## Collections

error-collection-name-missing = Geben Sie der Sammlung einen Namen
# $max is the greatest number of characters of a collection's name.
error-collection-name-too-long = Der Name darf höchstens { $max } Zeichen lang sein
error-collection-name-control = Der Name darf keine Steuerzeichen enthalten
error-text-too-long = Der Text darf höchstens { $max } Zeichen lang sein
error-text-control = Der Text darf keine Steuerzeichen enthalten
error-preview-title = Eine Linkvorschau braucht einen Titel
error-preview-image = Das Vorschaubild: { $reason }
error-previews-off = Diese Instanz zeigt keine Linkvorschauen
error-preview-humans-only = Eine Linkvorschau braucht humans_only: Sie erscheint nur auf der Weiter-Seite
error-sort = sort muss date oder clicks sein
error-page = page muss eine ganze Zahl ab 1 sein
error-collection-full = Diese Sammlung ist voll: Sie fasst höchstens { $max } Links. Legen Sie eine weitere Sammlung an.
error-no-collection = Keine Sammlung hat dieses Geheimnis
error-not-admin-url = Dies ist nicht die Admin-URL eines Links auf dieser Website
error-admin-url = Fügen Sie die Admin-URL des Links ein (https://…/admin/…)
error-rotate-links = links muss true oder false sein
# $max is how many links one request may change.
error-too-many-keys = Höchstens { $max } Kürzel auf einmal

## Reports and moderation

error-report-reason = Wählen Sie einen Grund: phishing, malware, spam, illegal oder other
# $max is the greatest number of characters of a report's details.
error-details-too-long = Die Angaben dürfen höchstens { $max } Zeichen lang sein
error-details-control = Die Angaben dürfen keine Steuerzeichen enthalten
error-disable-reason-missing = Geben Sie einen Grund an: Besucher und Besitzer des Links werden ihn lesen
# $max is the greatest number of characters of the operator's reason.
error-disable-reason-too-long = Der Grund muss eine einzige Zeile mit höchstens { $max } Zeichen sein
error-moderate-action = Die Aktion muss disable, enable oder dismiss sein
error-moderate-sort = Die Reihenfolge muss reports oder newest sein
error-moderate-page = Die Seite muss eine ganze Zahl ab 1 sein

## Wohin ein smarter Link Besucher schickt, auf der Moderationsseite und der Vorschau

destination-default = sein eigenes Ziel
destination-rule = Regel { $number }
destination-variant = Variante { $number }
destination-expired = nach Ablauf
destination-from = ab { $date }
destination-until = bis { $date }
