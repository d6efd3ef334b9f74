# English: the app's default language and the catalog the others follow. Every
# message here must be in every other catalog (a test checks).

## Site-wide

site-name = Shortener
lang-switch = Langue
skip-to-content = Aller au contenu

## Dates: { $day } is the day of the month, { $month } a name below, { $year } the year.

date-day = { $day } { $month } { $year }
date-day-short = { $day } { $month }
date-time = { $date } à { $time } UTC
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
month-short-1 = janv.
month-short-2 = févr.
month-short-3 = mars
month-short-4 = avr.
month-short-5 = mai
month-short-6 = juin
month-short-7 = juil.
month-short-8 = août
month-short-9 = sept.
month-short-10 = oct.
month-short-11 = nov.
month-short-12 = déc.

## The footer of every page

footer-about = Des liens courts, avec une page privée pour leur propriétaire.
# A link to the API's documentation, followed by ": Accept: application/json".
footer-api = Aussi disponible en API JSON

## The copy buttons (with JavaScript)

# On a copy button, for two seconds after it was pressed.
copy-done = Copié
# Read out by screen readers after a copy button was pressed.
copy-status-done = Copié dans le presse-papiers

## Home page: the create form, smart link fields, bulk results, after a delete

# The page's title and heading.
home-title = Raccourcir un lien
home-lead = Collez une URL longue et obtenez un lien court, ainsi qu'une page privée qui affiche son nombre de clics.
# Shown after a field's label, in smaller type.
home-optional = (facultatif)

# Private mode: the site asks for a token from its operator before showing the forms.
home-token-heading = Votre jeton de créateur
home-token-hint = Ce site ne crée des liens que pour les personnes munies d'un jeton fourni par son opérateur. Saisissez le vôtre une seule fois : ce navigateur le conserve.
home-token = Jeton de créateur
# The button that sends the token.
home-token-continue = Continuer

# The URL to shorten.
home-target-url = URL longue
# The short link's own key (the part after the site's address), chosen instead of a random one.
home-custom-key = Clé personnalisée
home-custom-key-hint = De 3 à 32 lettres, chiffres, « - » ou « _ ». Laissez vide pour obtenir une clé aléatoire.
# A folded section; "check" is the option below that checks the long URL answers.
home-more-options = Plus d'options : expiration, limite de clics, mot de passe, balises de campagne, vérification
home-title-field = Titre
home-note = Note
home-note-hint = Vous seul la voyez, sur la page privée de ce lien.
home-preview = Aperçu du lien
home-preview-hint = Ce que les applis de discussion et les aperçus de courriel montrent pour ce lien, au lieu de la carte de la cible. Il n'apparaît que sur la page avec un bouton Continuer qu'ils reçoivent : il faut donc « Ne compter que les personnes ».
home-preview-title = Titre de l'aperçu
home-preview-description = Description de l'aperçu
home-preview-image = URL de l'image de l'aperçu
home-expires-at = Expire le
# After "Expires at": the time typed is in UTC.
home-expires-at-note = (UTC, facultatif)
home-starts-at = Actif à partir de
home-starts-at-hint = D'ici là, les visiteurs voient quand, et rien n'est compté.
home-max-clicks = Arrêter après ce nombre de clics
home-password = Mot de passe pour les visiteurs
home-password-hint = Au moins 8 caractères. Les visiteurs doivent le saisir avant d'être redirigés.
home-check-target = Vérifier que l'URL longue répond avant de la raccourcir
# A checkbox label, followed by "(?utm_source=mail { home-forward-query-example })".
home-forward-query = Ajouter à l'URL longue les paramètres de requête des visiteurs
# Inside parentheses, after the code sample "?utm_source=mail": the sample typed after the short link is passed on to the long URL.
home-forward-query-example = ajouté au lien court est transmis à l'URL longue
# The utm_source, utm_medium... fields (their names are shown as they are).
home-campaign = Balises de campagne
home-campaign-note = (facultatif, ajoutées à l'URL longue)
# The create form's button (also the smart link section's first button on the home page).
home-shorten = Raccourcir

# A second form: many long URLs at once.
home-many = Plusieurs à la fois
home-many-urls = URL longues, une par ligne
# { $count } is the most URLs one form may hold.
home-many-limit = (jusqu'à { $count })
home-shorten-all = Tout raccourcir

# A collection: one private page for many links (a heading, then the form's button).
home-collection = Créer une collection
home-collection-hint = Une seule page privée pour plusieurs liens : leurs clics réunis, un graphique, un fichier CSV. Aucun compte : son adresse sert de clé, alors ajoutez-la à vos favoris.
home-collection-name = Nom de la collection
home-collection-start = Créer la collection
home-anywhere = Raccourcir depuis n’importe où
home-anywhere-hint = Glissez ce lien dans votre barre de favoris. Sur n’importe quelle page, cliquez dessus : ce formulaire s’ouvre avec l’adresse de cette page. Installé comme application sur un téléphone, ce site reçoit aussi les liens du menu de partage.
home-bookmarklet = Raccourcir cette page
home-sharex = ShareX (Windows) :
home-sharex-download = télécharger l’uploader personnalisé
home-sharex-token = Remplacez YOUR-CREATOR-TOKEN par votre jeton de création.

## Smart link fields (the create form and the admin page)

# A folded section: rules that send visitors elsewhere, a split between variants, where the link leads after it ends.
smart-summary = Lien intelligent : règles, répartition, après la fin
smart-rules = Règles
smart-rules-note = (la première qui correspond à un visiteur l'envoie vers son URL)
# The heading of one rule; { $number } is its place (1, 2, ...).
smart-rule = Règle { $number }
# The visitor's kind of device.
smart-device = Appareil
# The device choice that matches every device.
smart-device-any = Tous
# A device's name in the device list; { $device } is ios, android, mobile or desktop.
smart-device-name =
    { $device ->
        [ios] ios
        [android] android
        [mobile] mobile
        [desktop] ordinateur
       *[other] { $device }
    }
# The visitor's language; "de" is a language tag, as typed in the field.
smart-language = Langue
smart-language-example = (par exemple : de)
# The short link's query string; "src=poster" is typed as it is.
smart-query = Requête
smart-query-example = (par exemple : src=poster)
# The rule applies from this time...
smart-after = À partir de
# ...until this time.
smart-before = Jusqu'à
# After "From" and "Until": the times are in UTC.
smart-utc = (UTC)
# The URL the rule sends visitors to.
smart-target = Les envoyer vers
# The A/B split of visitors between several URLs (a legend, then a note).
smart-split = Répartition
smart-split-note = (les visites qu'aucune règle n'a prises, réparties selon leur poids ; chaque visiteur continue de voir la même variante)
# One URL of the split; { $number } is its place (1, 2, ...).
smart-variant = Variante { $number }
# A variant's share of the visits.
smart-weight = Poids
smart-weight-range = (de 1 à 100)
# A URL visitors go to once the link has expired or used up its clicks.
smart-expired-url = Après la fin, envoyer les visiteurs vers
smart-optional = (facultatif)
smart-expired-url-hint = Une fois expiré ou ses clics épuisés, le lien mène ici au lieu d'indiquer qu'il a expiré.
# Whether only people are counted (and let through), not link previews or mail scanners.
smart-humans-only = Ne compter que les personnes
# Choices of "Count people only": only when the link has a click limit, always, never.
smart-humans-auto = Avec une limite de clics
smart-humans-on = Toujours
smart-humans-off = Jamais
# "Continue" is the button such a visitor sees.
smart-humans-only-hint = Les aperçus de liens et les analyseurs de courriels reçoivent un bouton Continuer et ne sont pas comptés : ils ne peuvent donc pas épuiser un lien à usage unique.
# The admin page's button that saves these fields.
smart-save = Enregistrer le lien intelligent
# Buttons that show the form again with one more empty row.
smart-add-rule = Ajouter une règle
smart-add-variant = Ajouter une variante

## Results of "many at once"

bulk-title = Vos liens courts
# { $created } links were made out of { $total } lines (the rest were refused, with why).
bulk-created = { $created } sur { $total } { $created ->
    [one] créé
   *[other] créés
}.
bulk-save-admin-links = Enregistrez dès maintenant les liens d'administration : cette page est le seul endroit où ils s'affichent, et ils sont le seul moyen de voir les clics ou de supprimer un lien.
# The table's column headings.
bulk-long-url = URL longue
bulk-short-link = Lien court
bulk-admin-page = Page d'administration (à garder secrète)
bulk-shorten-more = Raccourcir d'autres liens

## After a delete

deleted-title = Lien supprimé
deleted-success = Le lien court a bien été supprimé.
# When the page is opened without having just deleted a link.
deleted-done = Le lien a été supprimé.
deleted-explained = Le lien court ne redirige plus personne, et sa clé ne sera jamais réutilisée.
deleted-shorten-another = Raccourcir un autre lien

## The owner's pages: a link's admin page, its shared stats page, a collection

## The clicks of a link or a collection (admin, stats and collection pages)

clicks-heading = Clics
# The label of the choice of how many days the chart shows.
clicks-windows = Période affichée
# One choice of that window: 7, 30, 90 or 365 days.
clicks-window = { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}
# Follows a number of clicks shown in bold: "7 in the last 30 days". $count is
# that number of clicks (to agree with it), $days the window.
clicks-recent = { $count ->
    [one] clic
   *[other] clics
} sur les { $days } derniers jours
# Follows a number of clicks: "120 in all". $count is that number.
clicks-all = au total

## The chart of clicks per day

# The chart's description for screen readers. $total clicks over $days days; $max
# is the most clicks on a single day.
chart-title = Clics par jour sur les { $days } derniers jours : { $total } au total, au plus { $max } en un jour
# A day's bar, on hover: $day is the day (2026-11-28), $count its clicks.
chart-bar = { $day } : { $count ->
    [one] { $count } clic
   *[other] { $count } clics
}

## Where clicks come from (referrers and kinds of client)

sources-heading = Provenance des clics
sources-referrers = Sites référents
# The column of referring sites' names.
sources-site = Site
# The kinds of client that clicked (browser, bot, other).
sources-clients = Clients
# The column of the kinds of client.
sources-kind = Type
sources-clicks = Clics
sources-none = Aucun clic pour l'instant.
sources-privacy = Seuls le nom du site référent et un type approximatif de client sont conservés : jamais d'adresses, de liens complets ni de détails sur le navigateur.
# A referrer: clicks that came with no referring page (typed, bookmarked, from an app).
sources-direct = direct
# A referrer: clicks whose referring page named no site.
sources-unknown = inconnu
# A referrer: all the sites past the 100 that are counted one by one.
sources-other-hosts = autres sites
# A kind of client: a web browser.
sources-browser = navigateur
# A kind of client: a crawler, link preview, mail scanner or monitor.
sources-bot = robot
# A kind of client: anything else.
sources-other = autre

## The admin page of a short link (its owner's secret page)

admin-title = Votre lien court
admin-ready = Votre lien court est prêt
admin-ready-save = Enregistrez cette page : c'est votre seul moyen d'y revenir.
admin-ready-bookmark = Ajoutez-la à vos favoris pour consulter les clics plus tard ou supprimer le lien. Personne d'autre ne pourra la retrouver pour vous.
admin-short-link = Lien court
# A button that copies the field beside it to the clipboard.
admin-copy = Copier
admin-page-url = Cette page (à garder secrète)
admin-stats-url = Statistiques à partager (chiffres seulement)
admin-stats-url-hint = Affiche les clics, le graphique et leur provenance ; ne permet ni de modifier ni de supprimer quoi que ce soit.
admin-stats-url-off-label = Statistiques à partager
# "Sharing and safety" is the heading admin-sharing, further down the page.
admin-stats-url-off = Désactivé. Créez-en un nouveau dans la section « Partage et sécurité » ci-dessous.
# Where the short link leads (a label followed by the long URL).
admin-goes-to = Mène à
admin-created = Créé le
admin-clicks = Clics
admin-expires = Expire
# The link never expires.
admin-expires-never = Jamais
admin-starts = Actif à partir de
admin-click-limit = Limite de clics
# The click limit $max, and how many clicks are left before it is reached.
admin-click-limit-value = { $max } ({ $left ->
    [one] { $left } restant
   *[other] { $left } restants
})
# Whether a visitor's query string (?utm_source=…) is added to the long URL.
admin-forward-query = Transmission des paramètres de requête
# Query forwarding on, in two pieces around a query string shown as code:
# "On: a visitor's ?utm_source=… is added to the target (the visitor's value wins)".
admin-forward-on-start = Activée : le paramètre
admin-forward-on-end = d'un visiteur est ajouté à la cible (la valeur du visiteur l'emporte)
admin-forward-off = Désactivée
admin-password = Mot de passe
admin-password-on = Les visiteurs doivent saisir un mot de passe
# No password.
admin-password-none = Aucun
admin-status = État
admin-status-deleted = Supprimé
# $reason is the operator's reason, as they wrote it (not translated).
admin-status-disabled = Désactivé par l'opérateur de ce site : { $reason }. Les visiteurs voient « ce lien a été désactivé » ; il ne peut être ni modifié ni réactivé depuis cette page
admin-status-expired = Expiré : les visiteurs voient « ce lien a expiré »
admin-status-waiting = Pas encore actif : les visiteurs voient quand il le sera
admin-status-active = Actif
# Followed by the date and time of the last click.
admin-last-click = dernier clic :
admin-last-click-never = dernier clic : jamais
admin-qr = Code QR
# The QR code image's description; $url is the short link.
admin-qr-label = Code QR de { $url }
admin-qr-scans = Une fois scanné, il mène à { $url }.
# The caption goes on with two links, SVG and PNG, between these pieces:
# "Download it as SVG or PNG."
admin-qr-download = Téléchargez-le en
admin-qr-download-or = ou
admin-qr-download-end = .
admin-edit = Changer la destination…
admin-edit-target = Nouvelle URL longue
admin-edit-hint = Les clics, l'expiration, la limite de clics et le mot de passe restent inchangés.
admin-edit-save = Enregistrer
admin-annotate = Titre et note
admin-preview-hint = Montré aux aperçus de liens sur la page Continuer seulement. Tout vide : aucun aperçu.
admin-schedule = Heure de début
admin-schedule-hint = Vide : actif tout de suite. D'ici là, les visiteurs voient quand, et rien n'est compté.

## The admin page: the smart link (rules, a split between variants)

admin-smart = Lien intelligent
admin-smart-none = Aucune règle ni répartition : chaque visiteur est envoyé vers l'URL longue.
admin-smart-caption = Clics des { $days } derniers jours, selon ce qui a décidé de leur destination
# Table heading: the rule or variant that chose the target.
admin-smart-decided-by = Décidé par
# Table heading: the rule's conditions.
admin-smart-when = Quand
admin-smart-goes-to = Mène à
admin-smart-clicks = Clics
# $number is the rule's place in the list: "Rule 2".
admin-smart-rule = Règle { $number }
# $number is the variant's place in the split: "Variant 2".
admin-smart-variant = Variante { $number }
# A variant's share of the visitors, as a relative weight.
admin-smart-weight = Poids { $weight }
# A rule's condition: $value is the device as the API names it (ios, android, mobile, desktop).
admin-rule-device = appareil { $value }
# A rule's condition: $value is a language tag (de, fr, ...).
admin-rule-language = langue { $value }
# A rule's condition: from the date and time $value on.
admin-rule-from = à partir de { $value }
# A rule's condition: until the date and time $value.
admin-rule-until = jusqu'à { $value }
# Followed by a link to the URL visitors go to once the link has expired, then admin-smart-after-end-end.
admin-smart-after-end = Après la fin, les visiteurs sont envoyés vers
admin-smart-after-end-end = .
# "Continue" is the button of the page that previews and scanners are shown.
admin-smart-humans = Ne compte que les personnes : les aperçus de liens et les analyseurs de courriels reçoivent un bouton Continuer.
admin-smart-every-visit = Compte chaque visite.
# A link to a page that shows where the short link would send a visitor.
admin-smart-peek = Voir où il envoie un visiteur
# After the link admin-smart-peek.
admin-smart-peek-note = (rien n'est compté).

## The admin page: sharing, a new address, deleting

admin-sharing = Partage et sécurité
admin-stats-replace = Remplacer le lien de statistiques
admin-stats-make = Créer un lien de statistiques
admin-stats-off = Désactiver le lien de statistiques
admin-forward-stop = Ne plus ajouter les paramètres de requête des visiteurs
admin-forward-start = Ajouter à la cible les paramètres de requête des visiteurs
admin-sharing-hint-stats = Un lien de statistiques remplacé ou désactivé répond « introuvable ».
# A sentence in pieces around two examples shown as code: "With query forwarding
# on, https://sho.rt/abc?utm_source=mail goes to the target with utm_source=mail added."
admin-sharing-hint-forward = Avec la transmission des paramètres activée,
admin-sharing-hint-forward-goes = mène à la cible, avec
admin-sharing-hint-forward-added = en plus.
admin-rotate = Quelqu'un d'autre connaît l'adresse de cette page…
admin-rotate-explain = Donnez une nouvelle adresse à cette page : l'ancienne cesse aussitôt de fonctionner, partout, et le lien quitte toutes les collections où il se trouve (ajoutez-le de nouveau en collant la nouvelle adresse sur la page d'une collection). Le lien court, ses clics et son lien de statistiques restent inchangés.
admin-rotate-confirm = Oui, donner une nouvelle adresse à cette page
admin-collections = Collections où se trouve ce lien
admin-collections-explain = Chacune de ces collections affiche l'adresse de cette page. Retirez le lien de celles que vous ne reconnaissez pas, puis donnez une nouvelle adresse à cette page.
admin-collections-leave = Le retirer de { $name }
admin-delete = Supprimer ce lien…
admin-delete-explain = Les visiteurs verront « introuvable », et la clé ne sera jamais attribuée à quelqu'un d'autre. Cette action est irréversible.
admin-delete-confirm = Oui, supprimer ce lien

## The admin page: what it says after a change

admin-notice-updated = Enregistré : le lien mène désormais à la nouvelle adresse.
admin-notice-forward-on = Enregistré : les paramètres de requête des visiteurs sont désormais ajoutés à la cible.
admin-notice-forward-off = Enregistré : les paramètres de requête des visiteurs ne sont plus ajoutés à la cible.
admin-notice-stats-off = Le lien de statistiques est désactivé : il n'ouvre plus rien.
admin-notice-stats-new = Le lien de statistiques a été remplacé : l'ancien n'ouvre plus rien.
admin-notice-smart = Enregistré : les règles, la répartition et la destination du lien après la fin.
admin-notice-rotated = Cette page a une nouvelle adresse : l'ancienne ne fonctionne plus, et le lien a quitté toutes les collections où il se trouvait. Ajoutez celle-ci à vos favoris dès maintenant.
admin-notice-left = Le lien a été retiré de cette collection : elle ne l'affiche plus.
admin-notice-previewed = Enregistré : l'aperçu du lien.
admin-notice-annotated = Enregistré : le titre et la note.
admin-notice-scheduled = Enregistré : l'heure de début.

## The stats page (a link's counts, shared by its owner)

# The page's title; $url is the short link.
stats-title = Clics de { $url }
# The heading, followed by the short link.
stats-heading = Clics de

## A collection's page (one secret page for many links)

# The page's title; $name is the collection's name, as its owner wrote it.
collection-title = { $name } · collection
collection-page-url = Page de cette collection (à garder secrète)
# A button that copies the field beside it to the clipboard.
collection-copy = Copier
collection-links = Liens
collection-clicks = Clics
collection-clicks-heading = Clics de tous ses liens
collection-links-heading = Liens
# The label of the choice of the list's order.
collection-order = Ordre
collection-sort-date = Les plus récents d'abord
collection-sort-clicks = Les plus cliqués d'abord
# A key is the part of a short link after the last slash.
collection-find-label = Chercher par clé ou par URL longue
collection-find = Chercher
collection-empty = Aucun lien pour l'instant : créez-en un ci-dessous, ou ajoutez un lien créé auparavant grâce à son URL d'administration.
# $filter is what was typed into the search field.
collection-no-match = Aucun lien ne correspond à « { $filter } ».
# The list's description for screen readers: $shown links are listed of the $count in the collection.
collection-shown = { $shown } sur { $count } { $count ->
    [one] lien
   *[other] liens
}
# Table heading of the checkboxes (for screen readers only).
collection-select = Sélection
# A checkbox's label for screen readers; $key is the short link's key.
collection-select-link = Sélectionner { $key }
collection-short-link = Lien court
collection-goes-to = Mène à
collection-created = Créé le
collection-status = État
# Table heading: a link to each link's own admin page.
collection-owner-page = Page du propriétaire
# Opens a link's admin page.
collection-open = Ouvrir
collection-status-active = actif
collection-status-disabled = désactivé
collection-status-expired = expiré
collection-status-deleted = supprimé
collection-deactivate = Désactiver les liens sélectionnés
collection-csv = Télécharger la liste (CSV)
collection-page = Page { $page } sur { $pages }
collection-previous = Page précédente
collection-next = Page suivante
collection-pages = Pages de la liste
collection-add-heading = Ajouter des liens
collection-new-target = Nouveau lien court pour cette URL longue
collection-shorten = Raccourcir dans cette collection
collection-join-label = Ou ajoutez un lien créé auparavant : son URL d'administration
collection-join = Ajouter à cette collection
collection-rotate = Quelqu'un d'autre connaît l'adresse de cette page…
collection-rotate-explain = Donnez une nouvelle adresse à cette collection : l'ancienne cesse aussitôt de fonctionner, partout. Ses liens restent inchangés.
collection-rotate-confirm = Oui, donner une nouvelle adresse à cette collection
collection-rotate-links-explain = Si l'adresse de cette page a fuité, les adresses d'administration qu'elle affiche aussi : donnez-en de nouvelles à ses liens. Ils quittent alors toutes les autres collections.
collection-rotate-links-confirm = Oui, et donner une nouvelle adresse d'administration à chacun de ses liens

## A collection's page: what it says after a change

collection-notice-created = Votre collection est prête. Ajoutez cette page à vos favoris : son adresse est la seule clé qui y donne accès.
collection-notice-added = Le lien a été ajouté à cette collection.
collection-notice-none-selected = Aucun lien n'a été sélectionné : cochez d'abord les liens à désactiver.
collection-notice-rotated = Cette collection a une nouvelle adresse : l'ancienne ne fonctionne plus. Ajoutez celle-ci à vos favoris dès maintenant.
collection-notice-rotated-links =
    { $count ->
        [one] Cette collection a une nouvelle adresse, et { $count } de ses liens a une nouvelle adresse d'administration : les anciennes ne fonctionnent plus. Ajoutez cette page à vos favoris dès maintenant.
       *[other] Cette collection a une nouvelle adresse, et { $count } de ses liens ont de nouvelles adresses d'administration : les anciennes ne fonctionnent plus. Ajoutez cette page à vos favoris dès maintenant.
    }
# $count links were deactivated; English writes "link(s)" for any number, other
# languages may choose plural forms by $count.
collection-notice-deactivated =
    { $count ->
        [one] { $count } lien désactivé : il ne redirige plus.
       *[other] { $count } liens désactivés : ils ne redirigent plus.
    }

## Visitor pages: where a link goes (peek), reports, moderation, the Continue and password pages, errors, the API page

## Peek: /peek/<key>, where a short link goes without going there

peek-title = Où mène-t-il ?
peek-heading = Où mène ce lien ?
# Follows the short link's address; the target's address comes on the next line:
# "https://s.example/abc leads to: https://example.com/page"
peek-leads-to = mène à :
# Followed by what decided where the link leads (peek-decided-...), in bold.
peek-decided-by = Décidé par :
# What decided: the smart link's rule number $number (as counted from 1 in the owner's list).
peek-decided-rule = règle { $number }
# What decided: the smart link's split variant number $number (counted from 1).
peek-decided-variant = variante { $number }
# What decided: nothing special, the link's own target.
peek-decided-default = par défaut
# What decided: the link has expired and leads to its "after expiry" address.
peek-decided-expired = expiré
# Anything else that decided, as the server names it ($what, in English).
peek-decided-other = { $what }
# $date is a date and time in words ("November 28, 2026, 14:05 UTC").
peek-changed-on = Son propriétaire a modifié sa destination pour la dernière fois le { $date }.
peek-unchanged = Il mène à cette adresse depuis sa création.
peek-switches-on = Sa destination change le { $date }, comme son propriétaire l’a programmé.
peek-destinations = Il peut aussi mener à
# A form that asks where the link would lead for another kind of visitor.
peek-try-heading = Essayer avec un autre visiteur
peek-try-hint = Rien n'est compté. Un champ vide reprend votre situation actuelle.
peek-device = Appareil
# The device list's first choice: the device of the person looking at the page.
peek-device-yours = Le vôtre
# Device names in the list (iPhone and iPad; Android; any phone or tablet; desktop or laptop).
peek-device-ios = ios
peek-device-android = android
peek-device-mobile = mobile
peek-device-desktop = ordinateur
# The visitor's language to try, typed as a language code such as "de".
peek-language = Langue
peek-time = Heure (UTC)
# The button that shows where the link leads for the visitor described.
peek-try = Essayer
peek-shorten-own = Raccourcir votre propre lien

## Reports: the report form (on /report/<key> and the peek page) and its thanks

report-title = Signaler un lien
# Followed by the short link's address and a full stop.
report-about = Concernant le lien court
report-form-heading = Signaler ce lien
report-form-hint = Prévenez l'opérateur de ce site si ce lien mène vers quelque chose de dangereux. Aucune information vous concernant n'est enregistrée avec le signalement.
# The question above the reasons to choose from.
report-form-why = Pourquoi ?
report-reason-phishing = Hameçonnage : il imite un site pour voler des identifiants ou de l'argent
report-reason-malware = Logiciel malveillant : il télécharge ou exécute quelque chose de dangereux
report-reason-spam = Spam
report-reason-illegal = Contenu illégal
report-reason-other = Autre chose
report-form-details = Qu'avez-vous vu ?
report-form-optional = (facultatif)
report-form-send = Envoyer le signalement
report-received-title = Signalement reçu
report-received-thanks = Merci. Votre signalement a bien été reçu.
report-received-next = L'opérateur de ce site va l'examiner.
report-received-home = Aller à la page d'accueil

## Moderation: the operator's page of reported links (/moderate/<secret>)

moderate-title = Modération
# $query is what the operator searched for: a short key or a host name.
moderate-lead-search = Liens dont la clé est « { $query } » ou dont la cible se trouve sur cet hôte.
moderate-lead-reported = Liens ayant des signalements ouverts, les plus signalés d'abord.
moderate-lead-secret = Gardez l'adresse de cette page pour vous : c'est la clé de l'opérateur.
moderate-search-label = Trouver un lien par clé ou par hôte
# The search button.
moderate-search = Rechercher
moderate-search-back = Retour aux liens signalés
moderate-no-match = Aucun lien ne correspond.
moderate-no-reports = Aucun signalement ouvert. Rien à faire.
# Followed by the link's target address.
moderate-to = Vers
# Labels of a link's facts.
moderate-created = Créé le
moderate-clicks = Clics
moderate-changed = Destination modifiée
moderate-next-switch = Prochain changement programmé
moderate-open-reports = Signalements ouverts
# The note given to the creator token the link was made with.
moderate-token = Jeton de créateur
moderate-state = État
# $reason is the operator's reason for disabling, as typed.
moderate-disabled = Désactivé : { $reason }
# The state of a link that is not disabled.
moderate-forwarding = Redirection active
# After the number of open reports: how many are for one reason, e.g. "phishing 3".
# $reason is one of the moderate-reason-... words, $count the number.
moderate-reason-count = { $reason } { $count }
# Report reasons, short, as the operator sees them.
moderate-reason-phishing = hameçonnage
moderate-reason-malware = logiciel malveillant
moderate-reason-spam = spam
moderate-reason-illegal = illégal
moderate-reason-other = autre
moderate-newest = Signalements les plus récents
moderate-disable-reason = Motif de la désactivation
# Buttons: stop the link forwarding; let it forward again; close its reports without doing anything.
moderate-disable = Désactiver
moderate-enable = Réactiver
moderate-dismiss = Classer les signalements
moderate-lead-newest = Liens avec des signalements ouverts, le signalement le plus récent d’abord.
moderate-sort-newest = Signalements les plus récents d’abord
moderate-sort-reports = Les plus signalés d’abord
moderate-pages = Pages
moderate-page = Page { $page }
moderate-previous = Page précédente
moderate-next = Page suivante
moderate-destinations = Envoie aussi des visiteurs vers

## The Continue page: a link that counts people only, opened by a link preview or mail scanner

continue-title = Continuer vers le lien
continue-preview = L'aperçu du lien
continue-lead = Ce lien ne compte que les visites de personnes : les aperçus de liens et les analyseurs de courriels s'arrêtent donc ici.
continue-button = Continuer
continue-shorten-own = Raccourcir votre propre lien

## A short link that does not forward: the password form, or why it stopped

locked-title = Lien protégé
locked-heading = Ce lien est protégé
locked-lead = Son propriétaire l'a protégé par un mot de passe. Saisissez-le pour continuer.
locked-password = Mot de passe
locked-continue = Continuer
locked-expired-title = Ce lien a expiré
locked-disabled-title = Ce lien a été désactivé par l'opérateur de ce site
# $reason is the operator's reason, as typed (in the operator's language).
locked-disabled-reason = Motif indiqué : { $reason }
locked-shorten-own = Raccourcir votre propre lien
locked-report = Signaler ce lien

## The error page: "404 · Not Found", then what went wrong

status-400 = Requête incorrecte
status-401 = Non autorisé
status-403 = Interdit
status-404 = Introuvable
status-405 = Méthode non autorisée
status-409 = Conflit
status-410 = Disparu
status-413 = Contenu trop volumineux
status-415 = Type de média non pris en charge
status-422 = Entité impossible à traiter
status-429 = Trop de requêtes
status-500 = Erreur interne du serveur
status-503 = Service indisponible
error-page-home = Aller à la page d'accueil

## The API page (/docs): its own headings; the reference itself stays in English

docs-title = API
docs-heading = L'API
# Followed by the header "Accept: application/json" (as code) and a full stop.
docs-lead-json = Chaque page de ce site existe aussi en JSON : envoyez
# Followed by {"detail": "..."} (as code) and a full stop.
docs-lead-errors = Les erreurs prennent la forme
# Followed by a link "/openapi.json", then "(OpenAPI 3.1);" and docs-lead-same.
docs-lead-spec = La description lisible par les machines se trouve à l'adresse
docs-lead-same = cette page présente le même document.
# Shown in languages other than English only.
docs-reference-english = La référence ci-dessous est en anglais, comme les réponses JSON de l'API.
docs-rules = Règles suivies par toutes les routes
docs-parameters = Paramètres
# A parameter of a route: $name is its name (as the API spells it), $about what it is (in English).
docs-param-path = { $name } (dans le chemin) : { $about }
docs-param-query = { $name } (dans la chaîne de requête) : { $about }
docs-param-header = { $name } (dans un en-tête) : { $about }
# The request body a route takes.
docs-body = Corps
# The answers a route can give, one per HTTP status.
docs-answers = Réponses
docs-status = Statut
docs-meaning = Signification
# Column of the media types an answer comes as (application/json, text/html).
docs-as = Format
docs-headers = En-têtes

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
error-url-not-found = L'URL « { $url } » n'existe pas
error-not-found = Cette URL n'existe pas
error-internal = Erreur interne du serveur
error-unavailable = Le service est surchargé ; veuillez réessayer
error-no-free-key = Aucune clé courte libre n'a été trouvée ; veuillez réessayer
error-cross-site = Les envois de formulaire depuis un autre site ne sont pas acceptés
# $methods is the list of HTTP methods the address accepts, such as "GET, HEAD".
error-method-not-allowed = Méthode non autorisée ; ce chemin accepte { $methods }
error-method-not-allowed-plain = Méthode non autorisée
# $status is HTTP's English name of the status, such as "Bad Request".
error-not-processed = { $status } : la requête n'a pas pu être traitée

## Target URLs. $reason in error-invalid-url is one of the error-url-… messages
## below, which continue the sentence (in English, lower case).

error-invalid-url = L'URL fournie n'est pas valide : { $reason }
error-url-empty = elle est vide
# $max is the greatest number of characters a URL may have.
error-url-too-long = elle dépasse { $max } caractères
# $max is the greatest number of characters a URL may have, once special characters are encoded.
error-url-too-long-encoded = elle dépasse { $max } caractères une fois encodée
error-url-spaces = elle contient des espaces ou des caractères de contrôle
error-url-not-absolute = ce n'est pas une URL absolue
error-url-scheme = elle doit commencer par http:// ou https://
error-url-no-host = elle n'a pas d'hôte
error-url-loop = elle renvoie vers ce raccourcisseur
error-url-user-info = L'URL cible ne doit contenir ni nom d'utilisateur ni mot de passe
error-target-check = L'URL cible n'a pas pu être vérifiée
# $host is the web site (domain name) the link would lead to.
error-blocked = Les liens vers { $host } ne sont pas autorisés ici

## Short keys

# $key is the key as the visitor typed it; $min and $max are its shortest and longest lengths.
error-key-invalid = La clé personnalisée « { $key } » n'est pas valide : utilisez de { $min } à { $max } lettres, chiffres, « - » ou « _ »
# $key is the key as the visitor typed it.
error-key-reserved = La clé personnalisée « { $key } » est réservée
# $key is the key as the visitor typed it.
error-key-taken = La clé personnalisée « { $key } » est déjà prise
error-secret-taken = Un lien avec ce secret_hash est déjà enregistré

## Links that cannot be followed or changed

error-gone = Ce lien a expiré
error-not-yet = Ce lien n'est pas encore actif : il le sera le { $at }.
# $reason is the operator's own text, in whatever language they wrote it.
error-disabled = Ce lien a été désactivé par l'opérateur : { $reason }
# $reason is the operator's own text, in whatever language they wrote it.
error-locked-disabled = Ce lien a été désactivé par l'opérateur ({ $reason }) ; il ne peut pas être modifié
# $clicks is how many clicks the link has; $lock the number of clicks after which targets are locked.
error-locked-clicks = Ce lien compte { $clicks ->
    [one] { $clicks } clic
   *[other] { $clicks } clics
} ; sur ce site, les cibles sont verrouillées après { $lock ->
    [one] { $lock } clic
   *[other] { $lock } clics
}
error-token-required = Cette instance ne crée des liens que pour les personnes munies d'un jeton
error-password-required = Ce lien est protégé par un mot de passe
error-wrong-password = Mot de passe incorrect

## Too many requests. $seconds is how many seconds to wait (a number: it may
## choose plural forms).

error-rate-limited = Trop de liens créés depuis votre adresse ; réessayez dans { $seconds } s
error-too-many-reports = Trop de signalements depuis votre adresse ; réessayez dans { $seconds } s
error-too-many-attempts = Trop de tentatives de mot de passe depuis votre adresse ; réessayez dans { $seconds } s
error-link-braked = Trop de mots de passe erronés récemment pour ce lien ; réessayez dans { $seconds } s
error-too-many-changes = Trop de modifications de ce lien ; réessayez dans { $seconds } s

## Request bodies. $error is the English explanation of the JSON or form reader,
## passed as it is.

# $what is one of the error-body-… messages below: what the request should carry.
error-unsupported-body = Envoyez { $what } en application/json ou en application/x-www-form-urlencoded
error-body-link = le lien
error-body-password = le mot de passe
error-body-new-target = la nouvelle cible
error-body-report = le signalement
error-body-decision = la décision
error-body-token = le jeton
error-body-collection = la collection
error-body-admin-url = l'URL d'administration
error-body-keys = les clés
error-json-too-large = Le corps JSON est trop volumineux
error-not-utf8 = Le corps n'a pas pu être lu comme du texte UTF-8
error-invalid-body = Corps de requête invalide : { $error }
# $field is the name of the JSON field ("rules" or "variants").
error-invalid-body-field = Corps de requête invalide : { $field } : { $error }
# $field is the name of the JSON field that is missing.
error-missing-field = Corps de requête invalide : champ `{ $field }` manquant
error-malformed-json = JSON mal formé : { $error }
error-link-not-object = Chaque lien doit être un objet JSON
# $max is how many links one request may create.
error-body-shape = Le corps doit être un objet JSON, ou un tableau d'au plus { $max } objets
error-form-too-large = Le formulaire est trop volumineux
# $field is the name of the form's field, as sent.
error-form-field = Champ de formulaire « { $field } » : { $error }
error-form-unreadable-because = Le formulaire n'a pas pu être lu : { $error }
error-form-unreadable = Le formulaire n'a pas pu être lu
# The names in quotes are the JSON fields, and true, false, "off", "new" and null their values: keep them.
error-edit-shape = Envoyez un objet contenant un ou plusieurs des champs "target_url" (une URL), "forward_query" (true ou false), "stats" ("off" ou "new"), "rules" et "variants" (des tableaux), "expired_url" (une URL ou null), "humans_only" (true ou false), "title" et "note" (du texte ou null), "starts_at" (une heure ou null) et "preview" (un objet ou null)

## Fields of a new link

error-expires-at-format = expires_at doit être une date et une heure, par exemple 2026-12-31T23:59:00Z
error-expires-at-range = expires_at doit être une heure antérieure à l'an 10000 (UTC)
error-expires-at-past = expires_at doit être dans le futur
error-starts-at-format = starts_at doit être une date et une heure comme 2026-12-31T23:59:00Z
error-starts-at-range = starts_at doit être avant l'an 10000 en UTC
error-starts-at-after-expiry = starts_at doit précéder expires_at
error-max-clicks = max_clicks doit être un nombre entier, au moins égal à 1
error-collection-secret = collection doit être le secret d'une collection ou son URL
# $name is the campaign tag's field (utm_source, utm_medium, ...); $max its greatest number of characters.
error-campaign-tag = { $name } doit comporter au plus { $max } caractères, sans caractères de contrôle
# $min and $max are the shortest and longest lengths of a password, in characters.
error-password-too-short = Le mot de passe doit comporter au moins { $min } caractères
error-password-too-long = Le mot de passe doit comporter au plus { $max } caractères
error-no-urls = Indiquez au moins une URL
# $max is how many links one request may create; $count how many were sent.
error-too-many-links = Au plus { $max } liens à la fois ({ $count } fournis)
error-custom-key-bulk = Une clé personnalisée ne peut être attribuée qu'à un seul lien

## Smart links: rules, split and fallback

# $max is how many rules a link may have.
error-too-many-rules = Un lien peut avoir au plus { $max } règles
# $max is how many variants a split may have.
error-variant-count = Une répartition nécessite de 2 à { $max } variantes
# $place is the rule's number (1 for the first); $reason one of the error-rule-… or
# error-invalid-url messages, which continue the sentence.
error-rule = Règle { $place } : { $reason }
# $place is the variant's number (1 for the first); $reason error-variant-weight or
# an error-invalid-url message, which continue the sentence.
error-variant = Variante { $place } : { $reason }
# $min and $max are the smallest and greatest weights.
error-variant-weight = le poids doit être compris entre { $min } et { $max }
# expired_url is the field's name; $error is the error-invalid-url (or error-url-user-info) message.
error-expired-url = expired_url : { $error }
error-rule-no-condition = une règle nécessite au moins une condition
# $tag is what was typed, in quotes; "de" is an example of a language tag.
error-rule-language = { $tag } n'est pas une étiquette de langue comme « de »
# $max is how many query conditions a rule may have.
error-rule-query-count = au plus { $max } conditions de requête
# $max is the greatest number of characters of a query name or value.
error-rule-query-text = les noms des paramètres de requête doivent comporter de 1 à { $max } caractères et leurs valeurs au plus autant, sans caractères de contrôle
# "after" and "before" are the names of the fields: keep them.
error-rule-times = {"\""}after" doit être antérieur à "before"
error-rule-time-format = les heures s'écrivent sous la forme 2026-12-31T23:59
error-rule-time-range = les heures doivent tomber entre les années 0000 et 9999 en UTC
error-rule-device = l'appareil doit être ios, android, mobile ou desktop

## The owner's page and the peek

error-forward-query = forward_query doit valoir on ou off
error-humans-only = humans_only doit valoir on, off ou auto
error-stats-change = stats doit valoir off ou new
error-nothing-to-change = Rien à modifier : envoyez target_url, forward_query ou stats
error-peek-device = device doit valoir ios, android, mobile ou desktop
error-peek-language = language doit être une étiquette de langue, par exemple de
error-peek-at = at doit être une date et une heure, par exemple 2026-12-31T23:59:00Z
error-peek-at-range = at doit être une heure antérieure à l'an 10000 (UTC)
error-days = days doit valoir 7, 30, 90 ou 365

## Collections

error-collection-name-missing = Donnez un nom à la collection
# $max is the greatest number of characters of a collection's name.
error-collection-name-too-long = Le nom doit comporter au plus { $max } caractères
error-collection-name-control = Le nom ne doit pas contenir de caractères de contrôle
error-text-too-long = Le texte doit comporter au plus { $max } caractères
error-text-control = Le texte ne doit pas contenir de caractères de contrôle
error-preview-title = Un aperçu de lien a besoin d'un titre
error-preview-image = L'image de l'aperçu : { $reason }
error-previews-off = Cette instance n'affiche pas d'aperçus de liens
error-preview-humans-only = Un aperçu de lien demande humans_only : il n'est montré que sur la page Continuer
error-sort = sort doit valoir date ou clicks
error-page = page doit être un nombre entier à partir de 1
error-collection-full = Cette collection est pleine : elle contient au plus { $max } liens. Créez-en une autre.
error-no-collection = Aucune collection ne correspond à ce secret
error-not-admin-url = Ce n'est pas l'URL d'administration d'un lien de ce site
error-admin-url = Collez l'URL d'administration du lien (https://…/admin/…)
error-rotate-links = links doit valoir true ou false
# $max is how many links one request may change.
error-too-many-keys = Au plus { $max } clés à la fois

## Reports and moderation

error-report-reason = Choisissez un motif : phishing, malware, spam, illegal ou other
# $max is the greatest number of characters of a report's details.
error-details-too-long = Les détails doivent comporter au plus { $max } caractères
error-details-control = Les détails ne doivent pas contenir de caractères de contrôle
error-disable-reason-missing = Indiquez un motif : les visiteurs et le propriétaire du lien le liront
# $max is the greatest number of characters of the operator's reason.
error-disable-reason-too-long = Le motif doit tenir sur une seule ligne d'au plus { $max } caractères
error-moderate-action = L'action doit être disable, enable ou dismiss
error-moderate-sort = L'ordre doit être reports ou newest
error-moderate-page = La page doit être un nombre entier à partir de 1

## Où un lien intelligent envoie les visiteurs, sur la page de modération et l’aperçu

destination-default = sa propre destination
destination-rule = règle { $number }
destination-variant = variante { $number }
destination-expired = une fois expiré
destination-from = à partir du { $date }
destination-until = jusqu’au { $date }
