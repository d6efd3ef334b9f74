# English: the app's default language and the catalog the others follow. Every
# message here must be in every other catalog (a test checks).

## Site-wide

site-name = Shortener
lang-switch = Idioma
skip-to-content = Saltar al contenido

## Dates: { $day } is the day of the month, { $month } a name below, { $year } the year.

date-day = { $day } de { $month } de { $year }
date-day-short = { $day } { $month }
date-time = { $date }, { $time } UTC
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
month-short-1 = ene
month-short-2 = feb
month-short-3 = mar
month-short-4 = abr
month-short-5 = may
month-short-6 = jun
month-short-7 = jul
month-short-8 = ago
month-short-9 = sept
month-short-10 = oct
month-short-11 = nov
month-short-12 = dic

## The footer of every page

footer-about = Enlaces cortos con una página privada para su propietario.
# A link to the API's documentation, followed by ": Accept: application/json".
footer-api = También disponible como API JSON

## The copy buttons (with JavaScript)

# On a copy button, for two seconds after it was pressed.
copy-done = Copiado
# Read out by screen readers after a copy button was pressed.
copy-status-done = Copiado al portapapeles

## Home page: the create form, smart link fields, bulk results, after a delete

# The page's title and heading.
home-title = Acorta un enlace
home-lead = Pega una URL larga y obtén un enlace corto, además de una página privada con su número de clics.
# Shown after a field's label, in smaller type.
home-optional = (opcional)

# Private mode: the site asks for a token from its operator before showing the forms.
home-token-heading = Tu token de creador
home-token-hint = Este sitio solo crea enlaces para quienes tienen un token de su operador. Escribe el tuyo una vez: este navegador lo recordará.
home-token = Token de creador
# The button that sends the token.
home-token-continue = Continuar

# The URL to shorten.
home-target-url = URL larga
# The short link's own key (the part after the site's address), chosen instead of a random one.
home-custom-key = Clave personalizada
home-custom-key-hint = De 3 a 32 letras, dígitos, «-» o «_». Déjala vacía para obtener una clave aleatoria.
# A folded section; "check" is the option below that checks the long URL answers.
home-more-options = Más opciones: título, nota, caducidad, límite de clics, contraseña, etiquetas de campaña, comprobación
home-title-field = Título
home-note = Nota
home-note-hint = Solo usted la ve, en la página privada de este enlace.
home-preview = Vista previa del enlace
home-preview-hint = Lo que las apps de chat y las vistas previas de correo muestran de este enlace, en lugar de la tarjeta del destino. Solo aparece en la página con el botón Continuar que reciben, así que necesita «Contar solo personas».
home-preview-title = Título de la vista previa
home-preview-description = Descripción de la vista previa
home-preview-image = URL de la imagen de la vista previa
home-expires-at = Caduca el
# After "Expires at": the time typed is in UTC.
home-expires-at-note = (UTC, opcional)
home-starts-at = Activo desde
home-starts-at-hint = Hasta entonces, los visitantes ven cuándo, y no se cuenta nada.
home-max-clicks = Detener tras este número de clics
home-password = Contraseña para los visitantes
home-password-hint = Al menos 8 caracteres. Los visitantes deberán escribirla antes de ser redirigidos.
home-check-target = Comprobar que la URL larga responde antes de acortarla
# A checkbox label, followed by "(?utm_source=mail { home-forward-query-example })".
home-forward-query = Añadir a la URL larga los parámetros de consulta de los visitantes
# Inside parentheses, after the code sample "?utm_source=mail": the sample typed after the short link is passed on to the long URL.
home-forward-query-example = en el enlace corto pasa a la URL larga
# The utm_source, utm_medium... fields (their names are shown as they are).
home-campaign = Etiquetas de campaña
home-campaign-note = (opcionales, se añaden a la URL larga)
# The create form's button (also the smart link section's first button on the home page).
home-shorten = Acortar

# A second form: many long URLs at once.
home-many = Varios a la vez
home-many-urls = URL largas, una por línea
# { $count } is the most URLs one form may hold.
home-many-limit = (hasta { $count })
home-shorten-all = Acortar todas

# A collection: one private page for many links (a heading, then the form's button).
home-collection = Crear una colección
home-collection-hint = Una página privada para muchos enlaces: sus clics juntos, un gráfico, un CSV. Sin cuenta: su dirección es la llave, así que guárdala en marcadores.
home-collection-name = Nombre de la colección
home-collection-start = Crear la colección
home-anywhere = Acortar desde cualquier sitio
home-anywhere-hint = Arrastre este enlace a su barra de marcadores. En cualquier página, púlselo: este formulario se abre con la dirección de esa página. Instalado como aplicación en un móvil, este sitio también recibe enlaces desde el menú de compartir.
home-bookmarklet = Acortar esta página
home-sharex = ShareX (Windows):
home-sharex-download = descargar el uploader personalizado
home-sharex-token = Ponga su token de creador en lugar de YOUR-CREATOR-TOKEN.

## Smart link fields (the create form and the admin page)

# A folded section: rules that send visitors elsewhere, a split between variants, where the link leads after it ends.
smart-summary = Enlace inteligente: reglas, reparto, después del final
smart-rules = Reglas
smart-rules-note = (la primera que encaje con un visitante lo envía a su URL)
# The heading of one rule; { $number } is its place (1, 2, ...).
smart-rule = Regla { $number }
# The visitor's kind of device.
smart-device = Dispositivo
# The device choice that matches every device.
smart-device-any = Cualquiera
# A device's name in the device list; { $device } is ios, android, mobile or desktop.
smart-device-name =
    { $device ->
        [ios] iOS
        [android] Android
        [mobile] móvil
        [desktop] escritorio
       *[other] { $device }
    }
# The visitor's language; "de" is a language tag, as typed in the field.
smart-language = Idioma
smart-language-example = (por ejemplo, de)
# The short link's query string; "src=poster" is typed as it is.
smart-query = Consulta
smart-query-example = (por ejemplo, src=poster)
# The rule applies from this time...
smart-after = Desde
# ...until this time.
smart-before = Hasta
# After "From" and "Until": the times are in UTC.
smart-utc = (UTC)
# The URL the rule sends visitors to.
smart-target = Enviarlos a
# The A/B split of visitors between several URLs (a legend, then a note).
smart-split = Reparto
smart-split-note = (las visitas que no ha tomado ninguna regla, repartidas según su peso; cada visitante sigue viendo la misma)
# One URL of the split; { $number } is its place (1, 2, ...).
smart-variant = Variante { $number }
# A variant's share of the visits.
smart-weight = Peso
smart-weight-range = (de 1 a 100)
# A URL visitors go to once the link has expired or used up its clicks.
smart-expired-url = Después del final, enviar a los visitantes a
smart-optional = (opcional)
smart-expired-url-hint = Cuando haya caducado o agotado sus clics, el enlace llevará aquí en lugar de avisar de que ha caducado.
# Whether only people are counted (and let through), not link previews or mail scanners.
smart-humans-only = Contar solo personas
# Choices of "Count people only": only when the link has a click limit, always, never.
smart-humans-auto = Con límite de clics
smart-humans-on = Siempre
smart-humans-off = Nunca
# "Continue" is the button such a visitor sees.
smart-humans-only-hint = Las vistas previas de enlaces y los escáneres de correo reciben un botón Continuar y no se cuentan, así que no pueden agotar un enlace de un solo uso.
# The admin page's button that saves these fields.
smart-save = Guardar el enlace inteligente
# Buttons that show the form again with one more empty row.
smart-add-rule = Añadir otra regla
smart-add-variant = Añadir otra variante

## Results of "many at once"

bulk-title = Tus enlaces cortos
# { $created } links were made out of { $total } lines (the rest were refused, with why).
bulk-created = { $created } de { $total } creados.
bulk-save-admin-links = Guarda ahora los enlaces de administración: esta página es el único lugar donde se muestran, y son la única forma de ver los clics o eliminar un enlace.
# The table's column headings.
bulk-long-url = URL larga
bulk-short-link = Enlace corto
bulk-admin-page = Página de administración (mantenla en secreto)
bulk-shorten-more = Acortar más enlaces

## After a delete

deleted-title = Enlace eliminado
deleted-success = El enlace corto se ha eliminado correctamente.
# When the page is opened without having just deleted a link.
deleted-done = El enlace se ha eliminado.
deleted-explained = El enlace corto ya no redirige a nadie, y su clave nunca se volverá a usar.
deleted-shorten-another = Acortar otro enlace

## The owner's pages: a link's admin page, its shared stats page, a collection

## The clicks of a link or a collection (admin, stats and collection pages)

clicks-heading = Clics
# The label of the choice of how many days the chart shows.
clicks-windows = Días mostrados
# One choice of that window: 7, 30, 90 or 365 days.
clicks-window = { $days ->
    [one] { $days } día
   *[other] { $days } días
}
# Follows a number of clicks shown in bold: "7 in the last 30 days". $count is
# that number of clicks (to agree with it), $days the window.
clicks-recent = en los últimos { $days } días
# Follows a number of clicks: "120 in all". $count is that number.
clicks-all = en total

## The chart of clicks per day

# The chart's description for screen readers. $total clicks over $days days; $max
# is the most clicks on a single day.
chart-title = Clics por día en los últimos { $days } días: { $total } en total, como máximo { $max } en un día
# A day's bar, on hover: $day is the day (2026-11-28), $count its clicks.
chart-bar = { $day }: { $count ->
    [one] { $count } clic
   *[other] { $count } clics
}

## Where clicks come from (referrers and kinds of client)

sources-heading = De dónde vienen los clics
sources-referrers = Sitios de referencia
# The column of referring sites' names.
sources-site = Sitio
# The kinds of client that clicked (browser, bot, other).
sources-clients = Clientes
# The column of the kinds of client.
sources-kind = Tipo
sources-clicks = Clics
sources-none = Aún no hay clics.
sources-privacy = Solo se guardan el nombre del sitio de referencia y un tipo aproximado de cliente: nunca direcciones, enlaces completos ni detalles del navegador.
# A referrer: clicks that came with no referring page (typed, bookmarked, from an app).
sources-direct = directo
# A referrer: clicks whose referring page named no site.
sources-unknown = desconocido
# A referrer: all the sites past the 100 that are counted one by one.
sources-other-hosts = otros sitios
# A kind of client: a web browser.
sources-browser = navegador
# A kind of client: a crawler, link preview, mail scanner or monitor.
sources-bot = bot
# A kind of client: anything else.
sources-other = otro

## The admin page of a short link (its owner's secret page)

admin-title = Tu enlace corto
admin-ready = Tu enlace corto está listo
admin-ready-save = Guarda esta página: es tu única forma de volver.
admin-ready-bookmark = Guárdala en marcadores para ver los clics más adelante o para eliminar el enlace. Nadie más puede encontrarla por ti.
admin-short-link = Enlace corto
# A button that copies the field beside it to the clipboard.
admin-copy = Copiar
admin-page-url = Esta página (mantenla en secreto)
admin-stats-url = Estadísticas para compartir (solo recuentos)
admin-stats-url-hint = Muestra los clics, el gráfico y de dónde vienen; no puede cambiar ni eliminar nada.
admin-stats-url-off-label = Estadísticas para compartir
# "Sharing and safety" is the heading admin-sharing, further down the page.
admin-stats-url-off = Desactivado. Crea uno nuevo en «Compartir y seguridad», más abajo.
# Where the short link leads (a label followed by the long URL).
admin-goes-to = Lleva a
admin-created = Creado
admin-clicks = Clics
admin-expires = Caduca
# The link never expires.
admin-expires-never = Nunca
admin-starts = Activo desde
admin-click-limit = Límite de clics
# The click limit $max, and how many clicks are left before it is reached.
admin-click-limit-value = { $max } (quedan { $left })
# Whether a visitor's query string (?utm_source=…) is added to the long URL.
admin-forward-query = Reenvío de parámetros de consulta
# Query forwarding on, in two pieces around a query string shown as code:
# "On: a visitor's ?utm_source=… is added to the target (the visitor's value wins)".
admin-forward-on-start = Activado: el
admin-forward-on-end = de un visitante se añade al destino (prevalece el valor del visitante)
admin-forward-off = Desactivado
admin-password = Contraseña
admin-password-on = Los visitantes necesitan una contraseña
# No password.
admin-password-none = Ninguna
admin-status = Estado
admin-status-deleted = Eliminado
# $reason is the operator's reason, as they wrote it (not translated).
admin-status-disabled = Desactivado por el operador de este sitio: { $reason }. Los visitantes ven «este enlace fue desactivado»; no se puede cambiar ni volver a activar desde aquí
admin-status-expired = Caducado: los visitantes ven «este enlace ha caducado»
admin-status-waiting = Aún no activo: los visitantes ven cuándo se activa
admin-status-active = Activo
# Followed by the date and time of the last click.
admin-last-click = último clic:
admin-last-click-never = último clic: nunca
admin-qr = Código QR
# The QR code image's description; $url is the short link.
admin-qr-label = Código QR de { $url }
admin-qr-scans = Al escanearlo, abre { $url }.
# The caption goes on with two links, SVG and PNG, between these pieces:
# "Download it as SVG or PNG."
admin-qr-download = Descárgalo en
admin-qr-download-or = o
admin-qr-download-end = .
admin-edit = Cambiar adónde lleva…
admin-edit-target = Nueva URL larga
admin-edit-hint = Los clics, la caducidad, el límite de clics y la contraseña se mantienen igual.
admin-edit-save = Guardar
admin-annotate = Título y nota
admin-preview-hint = Solo se muestra a las vistas previas en la página Continuar. Todo en blanco: ninguna.
admin-schedule = Hora de inicio
admin-schedule-hint = En blanco: activo ya. Hasta entonces, los visitantes ven cuándo, y no se cuenta nada.

## The admin page: the smart link (rules, a split between variants)

admin-smart = Enlace inteligente
admin-smart-none = Sin reglas ni reparto: todos los visitantes van a la URL larga.
admin-smart-caption = Clics en los últimos { $days } días, según qué decidió adónde iban
# Table heading: the rule or variant that chose the target.
admin-smart-decided-by = Decidido por
# Table heading: the rule's conditions.
admin-smart-when = Cuándo
admin-smart-goes-to = Lleva a
admin-smart-clicks = Clics
# $number is the rule's place in the list: "Rule 2".
admin-smart-rule = Regla { $number }
# $number is the variant's place in the split: "Variant 2".
admin-smart-variant = Variante { $number }
# A variant's share of the visitors, as a relative weight.
admin-smart-weight = Peso { $weight }
# A rule's condition: $value is the device as the API names it (ios, android, mobile, desktop).
admin-rule-device = dispositivo { $value }
# A rule's condition: $value is a language tag (de, fr, ...).
admin-rule-language = idioma { $value }
# A rule's condition: from the date and time $value on.
admin-rule-from = desde { $value }
# A rule's condition: until the date and time $value.
admin-rule-until = hasta { $value }
# Followed by a link to the URL visitors go to once the link has expired, then admin-smart-after-end-end.
admin-smart-after-end = Después del final, los visitantes van a
admin-smart-after-end-end = .
# "Continue" is the button of the page that previews and scanners are shown.
admin-smart-humans = Cuenta solo personas: las vistas previas de enlaces y los escáneres de correo reciben un botón Continuar.
admin-smart-every-visit = Cuenta todas las visitas.
# A link to a page that shows where the short link would send a visitor.
admin-smart-peek = Prueba adónde envía a un visitante
# After the link admin-smart-peek.
admin-smart-peek-note = (no se cuenta nada).

## The admin page: sharing, a new address, deleting

admin-sharing = Compartir y seguridad
admin-stats-replace = Sustituir el enlace de estadísticas
admin-stats-make = Crear un enlace de estadísticas
admin-stats-off = Desactivar el enlace de estadísticas
admin-forward-stop = Dejar de añadir los parámetros de consulta de los visitantes
admin-forward-start = Añadir al destino los parámetros de consulta de los visitantes
admin-sharing-hint-stats = Un enlace de estadísticas sustituido o desactivado responde «no encontrado».
# A sentence in pieces around two examples shown as code: "With query forwarding
# on, https://sho.rt/abc?utm_source=mail goes to the target with utm_source=mail added."
admin-sharing-hint-forward = Con el reenvío de parámetros activado,
admin-sharing-hint-forward-goes = lleva al destino con
admin-sharing-hint-forward-added = añadido.
admin-rotate = Otra persona tiene la dirección de esta página…
admin-rotate-explain = Dale a esta página una dirección nueva: la antigua deja de funcionar al instante, en todas partes, y el enlace sale de todas las colecciones en las que está (vuelve a añadirlo pegando la dirección nueva en la página de una colección). El enlace corto, sus clics y su enlace de estadísticas se mantienen igual.
admin-rotate-confirm = Sí, dar a esta página una dirección nueva
admin-collections = Colecciones en las que está este enlace
admin-collections-explain = Cada una de estas colecciones muestra la dirección de esta página. Saca el enlace de las que no reconozcas y luego dale a esta página una dirección nueva.
admin-collections-leave = Sacarlo de { $name }
admin-delete = Eliminar este enlace…
admin-delete-explain = Los visitantes verán «no encontrado», y la clave nunca se asignará a nadie más. Esto no se puede deshacer.
admin-delete-confirm = Sí, eliminar este enlace

## The admin page: what it says after a change

admin-notice-updated = Guardado: el enlace ahora lleva a la nueva dirección.
admin-notice-forward-on = Guardado: ahora se añaden al destino los parámetros de consulta de los visitantes.
admin-notice-forward-off = Guardado: ya no se añaden al destino los parámetros de consulta de los visitantes.
admin-notice-stats-off = El enlace de estadísticas está desactivado: ya no abre nada.
admin-notice-stats-new = Se ha sustituido el enlace de estadísticas: el antiguo ya no abre nada.
admin-notice-smart = Guardado: las reglas, el reparto y adónde lleva el enlace después del final.
admin-notice-rotated = Esta página tiene una dirección nueva: la antigua ya no funciona, y el enlace salió de todas las colecciones en las que estaba. Guarda esta en marcadores ahora.
admin-notice-left = El enlace se sacó de esa colección: ya no lo muestra.
admin-notice-previewed = Guardado: la vista previa del enlace.
admin-notice-annotated = Guardado: el título y la nota.
admin-notice-scheduled = Guardado: la hora de inicio.

## The stats page (a link's counts, shared by its owner)

# The page's title; $url is the short link.
stats-title = Clics de { $url }
# The heading, followed by the short link.
stats-heading = Clics de

## A collection's page (one secret page for many links)

# The page's title; $name is the collection's name, as its owner wrote it.
collection-title = { $name } · colección
collection-page-url = La página de esta colección (mantenla en secreto)
# A button that copies the field beside it to the clipboard.
collection-copy = Copiar
collection-links = Enlaces
collection-clicks = Clics
collection-clicks-heading = Clics de todos sus enlaces
collection-links-heading = Enlaces
# The label of the choice of the list's order.
collection-order = Orden
collection-sort-date = Más recientes primero
collection-sort-clicks = Más clics primero
# A key is the part of a short link after the last slash.
collection-find-label = Buscar por clave o URL larga
collection-find = Buscar
collection-empty = Aún no hay enlaces: crea uno abajo o añade uno que ya creaste mediante su URL de administración.
# $filter is what was typed into the search field.
collection-no-match = Ningún enlace coincide con «{ $filter }».
# The list's description for screen readers: $shown links are listed of the $count in the collection.
collection-shown = { $count ->
    [one] { $shown } de { $count } enlace
   *[other] { $shown } de { $count } enlaces
}
# Table heading of the checkboxes (for screen readers only).
collection-select = Seleccionar
# A checkbox's label for screen readers; $key is the short link's key.
collection-select-link = Seleccionar { $key }
collection-short-link = Enlace corto
collection-goes-to = Lleva a
collection-created = Creado
collection-status = Estado
# Table heading: a link to each link's own admin page.
collection-owner-page = Página del propietario
# Opens a link's admin page.
collection-open = Abrir
collection-status-active = activo
collection-status-disabled = desactivado
collection-status-expired = caducado
collection-status-deleted = eliminado
collection-deactivate = Desactivar los enlaces seleccionados
collection-csv = Descargar la lista (CSV)
collection-page = Página { $page } de { $pages }
collection-previous = Página anterior
collection-next = Página siguiente
collection-pages = Páginas de la lista
collection-add-heading = Añadir enlaces
collection-new-target = Nuevo enlace corto para esta URL larga
collection-shorten = Acortar en esta colección
collection-join-label = O añade un enlace que creaste antes: su URL de administración
collection-join = Añadir a esta colección
collection-rotate = Otra persona tiene la dirección de esta página…
collection-rotate-explain = Dale a esta colección una dirección nueva: la antigua deja de funcionar al instante, en todas partes. Sus enlaces se mantienen igual.
collection-rotate-confirm = Sí, dar a esta colección una dirección nueva
collection-rotate-links-explain = Si la dirección de esta página se filtró, también las direcciones de administración que muestra: dales otras nuevas a sus enlaces. Entonces salen de todas las demás colecciones.
collection-rotate-links-confirm = Sí, y dar a cada enlace una dirección de administración nueva

## A collection's page: what it says after a change

collection-notice-created = Tu colección está lista. Guarda esta página en marcadores: su dirección es la única llave para entrar.
collection-notice-added = El enlace se ha añadido a esta colección.
collection-notice-none-selected = No se ha seleccionado ningún enlace: marca primero los enlaces que quieres desactivar.
collection-notice-rotated = Esta colección tiene una dirección nueva: la antigua ya no funciona. Guarda esta en marcadores ahora.
collection-notice-rotated-links =
    { $count ->
        [one] Esta colección tiene una dirección nueva, y { $count } de sus enlaces tiene una dirección de administración nueva: las antiguas ya no funcionan. Guarda esta página en marcadores ahora.
       *[other] Esta colección tiene una dirección nueva, y { $count } de sus enlaces tienen direcciones de administración nuevas: las antiguas ya no funcionan. Guarda esta página en marcadores ahora.
    }
# $count links were deactivated; English writes "link(s)" for any number, other
# languages may choose plural forms by $count.
collection-notice-deactivated =
    { $count ->
        [one] Se ha desactivado { $count } enlace: ya no redirige.
       *[other] Se han desactivado { $count } enlaces: ya no redirigen.
    }

## Visitor pages: where a link goes (peek), reports, moderation, the Continue and password pages, errors, the API page

## Peek: /peek/<key>, where a short link goes without going there

peek-title = ¿Adónde lleva?
peek-heading = ¿Adónde lleva este enlace?
# Follows the short link's address; the target's address comes on the next line:
# "https://s.example/abc leads to: https://example.com/page"
peek-leads-to = lleva a:
# Followed by what decided where the link leads (peek-decided-...), in bold.
peek-decided-by = Decidido por:
# What decided: the smart link's rule number $number (as counted from 1 in the owner's list).
peek-decided-rule = regla { $number }
# What decided: the smart link's split variant number $number (counted from 1).
peek-decided-variant = variante { $number }
# What decided: nothing special, the link's own target.
peek-decided-default = destino predeterminado
# What decided: the link has expired and leads to its "after expiry" address.
peek-decided-expired = caducidad
# Anything else that decided, as the server names it ($what, in English).
peek-decided-other = { $what }
# $date is a date and time in words ("November 28, 2026, 14:05 UTC").
peek-changed-on = Su propietario cambió por última vez adónde lleva el { $date }.
peek-unchanged = Lleva ahí desde que se creó.
peek-switches-on = Adónde lleva cambia el { $date }, como lo programó su propietario.
peek-destinations = También puede llevar a
# A form that asks where the link would lead for another kind of visitor.
peek-try-heading = Prueba con otro visitante
peek-try-hint = No se cuenta nada. Los campos vacíos te representan a ti, tal como estás ahora.
peek-device = Dispositivo
# The device list's first choice: the device of the person looking at the page.
peek-device-yours = Como tú
# Device names in the list (iPhone and iPad; Android; any phone or tablet; desktop or laptop).
peek-device-ios = iOS
peek-device-android = Android
peek-device-mobile = móvil
peek-device-desktop = escritorio
# The visitor's language to try, typed as a language code such as "de".
peek-language = Idioma
peek-time = Hora (UTC)
# The button that shows where the link leads for the visitor described.
peek-try = Probar
peek-shorten-own = Acorta tu propio enlace

## Reports: the report form (on /report/<key> and the peek page) and its thanks

report-title = Denunciar un enlace
# Followed by the short link's address and a full stop.
report-about = Sobre el enlace corto
report-form-heading = Denunciar este enlace
report-form-hint = Avisa al operador de este sitio si lleva a algún lugar dañino. No se guarda nada sobre ti con la denuncia.
# The question above the reasons to choose from.
report-form-why = ¿Por qué?
report-reason-phishing = Phishing: imita un sitio para robar credenciales o dinero
report-reason-malware = Malware: descarga o ejecuta algo dañino
report-reason-spam = Spam
report-reason-illegal = Contenido ilegal
report-reason-other = Otro motivo
report-form-details = ¿Qué has visto?
report-form-optional = (opcional)
report-form-send = Enviar la denuncia
report-received-title = Denuncia recibida
report-received-thanks = Gracias. Hemos recibido la denuncia.
report-received-next = El operador de este sitio la revisará.
report-received-home = Ir a la página de inicio

## Moderation: the operator's page of reported links (/moderate/<secret>)

moderate-title = Moderación
# $query is what the operator searched for: a short key or a host name.
moderate-lead-search = Enlaces cuya clave es «{ $query }» o cuyo destino está en ese host.
moderate-lead-reported = Enlaces con denuncias abiertas, los más denunciados primero.
moderate-lead-secret = No compartas la dirección de esta página: es la llave del operador.
moderate-search-label = Buscar un enlace por clave o host
# The search button.
moderate-search = Buscar
moderate-search-back = Volver a los enlaces denunciados
moderate-no-match = Ningún enlace coincide.
moderate-no-reports = No hay denuncias abiertas. Nada que hacer.
# Followed by the link's target address.
moderate-to = Lleva a
# Labels of a link's facts.
moderate-created = Creado
moderate-clicks = Clics
moderate-changed = Destino cambiado
moderate-next-switch = Próximo cambio programado
moderate-open-reports = Denuncias abiertas
# The note given to the creator token the link was made with.
moderate-token = Token de creador
moderate-state = Estado
# $reason is the operator's reason for disabling, as typed.
moderate-disabled = Desactivado: { $reason }
# The state of a link that is not disabled.
moderate-forwarding = Redirige
# After the number of open reports: how many are for one reason, e.g. "phishing 3".
# $reason is one of the moderate-reason-... words, $count the number.
moderate-reason-count = { $reason } { $count }
# Report reasons, short, as the operator sees them.
moderate-reason-phishing = phishing
moderate-reason-malware = malware
moderate-reason-spam = spam
moderate-reason-illegal = ilegal
moderate-reason-other = otro
moderate-newest = Denuncias más recientes
moderate-disable-reason = Motivo de la desactivación
# Buttons: stop the link forwarding; let it forward again; close its reports without doing anything.
moderate-disable = Desactivar
moderate-enable = Volver a activar
moderate-dismiss = Descartar las denuncias
moderate-lead-newest = Enlaces con denuncias abiertas, la denuncia más reciente primero.
moderate-sort-newest = Denuncias más recientes primero
moderate-sort-reports = Los más denunciados primero
moderate-pages = Páginas
moderate-page = Página { $page }
moderate-previous = Página anterior
moderate-next = Página siguiente
moderate-destinations = También envía visitantes a

## The Continue page: a link that counts people only, opened by a link preview or mail scanner

continue-title = Continuar al enlace
continue-preview = La vista previa del enlace
continue-lead = Este enlace solo cuenta las visitas de personas, así que las vistas previas de enlaces y los escáneres de correo se detienen aquí.
continue-button = Continuar
continue-shorten-own = Acorta tu propio enlace

## A short link that does not forward: the password form, or why it stopped

locked-title = Enlace protegido
locked-heading = Este enlace está protegido
locked-lead = Su propietario le ha puesto una contraseña. Escríbela para continuar.
locked-password = Contraseña
locked-continue = Continuar
locked-expired-title = Este enlace ha caducado
locked-disabled-title = El operador de este sitio ha desactivado este enlace
# $reason is the operator's reason, as typed (in the operator's language).
locked-disabled-reason = Motivo indicado: { $reason }
locked-shorten-own = Acorta tu propio enlace
locked-report = Denunciar este enlace

## The error page: "404 · Not Found", then what went wrong

status-400 = Solicitud incorrecta
status-401 = No autorizado
status-403 = Prohibido
status-404 = No encontrado
status-405 = Método no permitido
status-409 = Conflicto
status-410 = Ya no disponible
status-413 = Contenido demasiado grande
status-415 = Tipo de contenido no admitido
status-422 = Entidad no procesable
status-429 = Demasiadas solicitudes
status-500 = Error interno del servidor
status-503 = Servicio no disponible
error-page-home = Ir a la página de inicio

## The API page (/docs): its own headings; the reference itself stays in English

docs-title = API
docs-heading = La API
# Followed by the header "Accept: application/json" (as code) and a full stop.
docs-lead-json = Todas las páginas de este sitio también están en JSON: envía
# Followed by {"detail": "..."} (as code) and a full stop.
docs-lead-errors = Los errores tienen la forma
# Followed by a link "/openapi.json", then "(OpenAPI 3.1);" and docs-lead-same.
docs-lead-spec = La descripción legible por máquinas está en
docs-lead-same = esta página muestra el mismo documento.
# Shown in languages other than English only.
docs-reference-english = La referencia de abajo está en inglés, como las respuestas JSON de la API.
docs-rules = Reglas que siguen todas las rutas
docs-parameters = Parámetros
# A parameter of a route: $name is its name (as the API spells it), $about what it is (in English).
docs-param-path = { $name } (en la ruta): { $about }
docs-param-query = { $name } (en la consulta): { $about }
docs-param-header = { $name } (en una cabecera): { $about }
# The request body a route takes.
docs-body = Cuerpo
# The answers a route can give, one per HTTP status.
docs-answers = Respuestas
docs-status = Estado
docs-meaning = Significado
# Column of the media types an answer comes as (application/json, text/html).
docs-as = Formato
docs-headers = Cabeceras

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
error-url-not-found = La URL «{ $url }» no existe
error-not-found = La URL no existe
error-internal = Error interno del servidor
error-unavailable = El servicio está ocupado; inténtalo de nuevo
error-no-free-key = No se ha encontrado ninguna clave corta libre; inténtalo de nuevo
error-cross-site = No se aceptan envíos de formularios desde otros sitios
# $methods is the list of HTTP methods the address accepts, such as "GET, HEAD".
error-method-not-allowed = Método no permitido; esta ruta acepta { $methods }
error-method-not-allowed-plain = Método no permitido
# $status is HTTP's English name of the status, such as "Bad Request".
error-not-processed = { $status }: no se ha podido procesar la solicitud

## Target URLs. $reason in error-invalid-url is one of the error-url-… messages
## below, which continue the sentence (in English, lower case).

error-invalid-url = La URL indicada no es válida: { $reason }
error-url-empty = está vacía
# $max is the greatest number of characters a URL may have.
error-url-too-long = tiene más de { $max } caracteres
# $max is the greatest number of characters a URL may have, once special characters are encoded.
error-url-too-long-encoded = tiene más de { $max } caracteres una vez codificada
error-url-spaces = contiene espacios o caracteres de control
error-url-not-absolute = no es una URL absoluta
error-url-scheme = debe empezar por http:// o https://
error-url-no-host = no tiene host
error-url-loop = apunta de vuelta a este acortador
error-url-user-info = La URL de destino no debe contener un nombre de usuario ni una contraseña
error-target-check = No se ha podido comprobar la URL de destino
# $host is the web site (domain name) the link would lead to.
error-blocked = Aquí no se permiten enlaces a { $host }

## Short keys

# $key is the key as the visitor typed it; $min and $max are its shortest and longest lengths.
error-key-invalid = La clave personalizada «{ $key }» no es válida: usa de { $min } a { $max } letras, dígitos, «-» o «_»
# $key is the key as the visitor typed it.
error-key-reserved = La clave personalizada «{ $key }» está reservada
# $key is the key as the visitor typed it.
error-key-taken = La clave personalizada «{ $key }» ya está en uso
error-secret-taken = Ya hay guardado un enlace con este secret_hash

## Links that cannot be followed or changed

error-gone = Este enlace ha caducado
error-not-yet = Este enlace aún no está activo: se activa el { $at }.
# $reason is the operator's own text, in whatever language they wrote it.
error-disabled = El operador ha desactivado este enlace: { $reason }
# $reason is the operator's own text, in whatever language they wrote it.
error-locked-disabled = El operador ha desactivado este enlace ({ $reason }); no se puede cambiar
# $clicks is how many clicks the link has; $lock the number of clicks after which targets are locked.
error-locked-clicks =
    Este enlace tiene { $clicks ->
        [one] { $clicks } clic
       *[other] { $clicks } clics
    }; en este sitio, los destinos se bloquean a partir de { $lock } clics
error-token-required = Este sitio solo crea enlaces para quienes tienen un token
error-password-required = Este enlace está protegido con contraseña
error-wrong-password = Contraseña incorrecta

## Too many requests. $seconds is how many seconds to wait (a number: it may
## choose plural forms).

error-rate-limited =
    Se han creado demasiados enlaces desde tu dirección; inténtalo de nuevo dentro de { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }
error-too-many-reports =
    Demasiadas denuncias desde tu dirección; inténtalo de nuevo dentro de { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }
error-too-many-attempts =
    Demasiados intentos de contraseña desde tu dirección; inténtalo de nuevo dentro de { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }
error-link-braked =
    Demasiadas contraseñas incorrectas para este enlace últimamente; inténtalo de nuevo dentro de { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }
error-too-many-changes =
    Demasiados cambios en este enlace; inténtalo de nuevo dentro de { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }

## Request bodies. $error is the English explanation of the JSON or form reader,
## passed as it is.

# $what is one of the error-body-… messages below: what the request should carry.
error-unsupported-body = Envía { $what } como application/json o application/x-www-form-urlencoded
error-body-link = el enlace
error-body-password = la contraseña
error-body-new-target = el nuevo destino
error-body-report = la denuncia
error-body-decision = la decisión
error-body-token = el token
error-body-collection = la colección
error-body-admin-url = la URL de administración
error-body-keys = las claves
error-json-too-large = El cuerpo JSON es demasiado grande
error-not-utf8 = No se ha podido leer el cuerpo como texto UTF-8
error-invalid-body = Cuerpo de la solicitud no válido: { $error }
# $field is the name of the JSON field ("rules" or "variants").
error-invalid-body-field = Cuerpo de la solicitud no válido: { $field }: { $error }
# $field is the name of the JSON field that is missing.
error-missing-field = Cuerpo de la solicitud no válido: falta el campo `{ $field }`
error-malformed-json = JSON mal formado: { $error }
error-link-not-object = Cada enlace debe ser un objeto JSON
# $max is how many links one request may create.
error-body-shape = El cuerpo debe ser un objeto JSON o un array de hasta { $max } objetos
error-form-too-large = El formulario es demasiado grande
# $field is the name of the form's field, as sent.
error-form-field = Campo del formulario «{ $field }»: { $error }
error-form-unreadable-because = No se ha podido leer el formulario: { $error }
error-form-unreadable = No se ha podido leer el formulario
# The names in quotes are the JSON fields, and true, false, "off", "new" and null their values: keep them.
error-edit-shape = Envía un objeto con uno o más de estos campos: "target_url" (una URL), "forward_query" (true o false), "stats" ("off" o "new"), "rules" y "variants" (arrays), "expired_url" (una URL o null), "humans_only" (true o false), "title" y "note" (texto o null), "starts_at" (una hora o null) y "preview" (un objeto o null)

## Fields of a new link

error-expires-at-format = expires_at debe ser una fecha y hora como 2026-12-31T23:59:00Z
error-expires-at-range = expires_at debe ser una hora anterior al año 10000 (UTC)
error-expires-at-past = expires_at debe estar en el futuro
error-starts-at-format = starts_at debe ser una fecha y hora como 2026-12-31T23:59:00Z
error-starts-at-range = starts_at debe ser anterior al año 10000 en UTC
error-starts-at-after-expiry = starts_at debe ser anterior a expires_at
error-max-clicks = max_clicks debe ser un número entero, como mínimo 1
error-collection-secret = collection debe ser el secreto de una colección o su URL
# $name is the campaign tag's field (utm_source, utm_medium, ...); $max its greatest number of characters.
error-campaign-tag = { $name } debe tener como máximo { $max } caracteres, sin caracteres de control
# $min and $max are the shortest and longest lengths of a password, in characters.
error-password-too-short = La contraseña debe tener al menos { $min } caracteres
error-password-too-long = La contraseña debe tener como máximo { $max } caracteres
error-no-urls = Indica al menos una URL
# $max is how many links one request may create; $count how many were sent.
error-too-many-links = Como máximo { $max } enlaces a la vez (se han enviado { $count })
error-custom-key-bulk = Solo se puede indicar una clave personalizada para un único enlace

## Smart links: rules, split and fallback

# $max is how many rules a link may have.
error-too-many-rules = Un enlace puede tener como máximo { $max } reglas
# $max is how many variants a split may have.
error-variant-count = Un reparto necesita de 2 a { $max } variantes
# $place is the rule's number (1 for the first); $reason one of the error-rule-… or
# error-invalid-url messages, which continue the sentence.
error-rule = Regla { $place }: { $reason }
# $place is the variant's number (1 for the first); $reason error-variant-weight or
# an error-invalid-url message, which continue the sentence.
error-variant = Variante { $place }: { $reason }
# $min and $max are the smallest and greatest weights.
error-variant-weight = el peso debe estar entre { $min } y { $max }
# expired_url is the field's name; $error is the error-invalid-url (or error-url-user-info) message.
error-expired-url = expired_url: { $error }
error-rule-no-condition = una regla necesita al menos una condición
# $tag is what was typed, in quotes; "de" is an example of a language tag.
error-rule-language = { $tag } no es una etiqueta de idioma como «de»
# $max is how many query conditions a rule may have.
error-rule-query-count = como máximo { $max } condiciones de consulta
# $max is the greatest number of characters of a query name or value.
error-rule-query-text = los nombres de consulta deben tener de 1 a { $max } caracteres, y los valores como máximo lo mismo, sin caracteres de control
# "after" and "before" are the names of the fields: keep them.
error-rule-times = {"\""}after" debe ser anterior a "before"
error-rule-time-format = las horas tienen el formato 2026-12-31T23:59
error-rule-time-range = las horas deben estar entre los años 0000 y 9999 en UTC
error-rule-device = el dispositivo debe ser ios, android, mobile o desktop

## The owner's page and the peek

error-forward-query = forward_query debe ser on u off
error-humans-only = humans_only debe ser on, off o auto
error-stats-change = stats debe ser off o new
error-nothing-to-change = No hay nada que cambiar: envía target_url, forward_query o stats
error-peek-device = device debe ser ios, android, mobile o desktop
error-peek-language = language debe ser una etiqueta de idioma como de
error-peek-at = at debe ser una fecha y hora como 2026-12-31T23:59:00Z
error-peek-at-range = at debe ser una hora anterior al año 10000 (UTC)
error-days = days debe ser 7, 30, 90 o 365

## Collections

error-collection-name-missing = Ponle un nombre a la colección
# $max is the greatest number of characters of a collection's name.
error-collection-name-too-long = El nombre debe tener como máximo { $max } caracteres
error-collection-name-control = El nombre no debe contener caracteres de control
error-text-too-long = El texto debe tener como máximo { $max } caracteres
error-text-control = El texto no debe contener caracteres de control
error-preview-title = Una vista previa necesita un título
error-preview-image = La imagen de la vista previa: { $reason }
error-previews-off = Esta instancia no muestra vistas previas de enlaces
error-preview-humans-only = Una vista previa necesita humans_only: solo se muestra en la página Continuar
error-sort = sort debe ser date o clicks
error-page = page debe ser un número entero a partir de 1
error-collection-full = Esta colección está llena: admite como máximo { $max } enlaces. Crea otra colección.
error-no-collection = Ninguna colección tiene este secreto
error-not-admin-url = Esta no es la URL de administración de un enlace de este sitio
error-admin-url = Pega la URL de administración del enlace (https://…/admin/…)
error-rotate-links = links debe ser true o false
# $max is how many links one request may change.
error-too-many-keys = Como máximo { $max } claves a la vez

## Reports and moderation

error-report-reason = Elige un motivo: phishing, malware, spam, illegal o other
# $max is the greatest number of characters of a report's details.
error-details-too-long = Los detalles deben tener como máximo { $max } caracteres
error-details-control = Los detalles no deben contener caracteres de control
error-disable-reason-missing = Indica un motivo: lo leerán los visitantes y el propietario del enlace
# $max is the greatest number of characters of the operator's reason.
error-disable-reason-too-long = El motivo debe ser una sola línea de como máximo { $max } caracteres
error-moderate-action = La acción debe ser disable, enable o dismiss
error-moderate-sort = El orden debe ser reports o newest
error-moderate-page = La página debe ser un número entero a partir de 1

## Adónde envía visitantes un enlace inteligente, en la página de moderación y la vista previa

destination-default = su propio destino
destination-rule = regla { $number }
destination-variant = variante { $number }
destination-expired = una vez caducado
destination-from = desde el { $date }
destination-until = hasta el { $date }
