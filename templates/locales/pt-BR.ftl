# English: the app's default language and the catalog the others follow. Every
# message here must be in every other catalog (a test checks).

## Site-wide

site-name = Shortener
lang-switch = Idioma
skip-to-content = Pular para o conteúdo

## Dates: { $day } is the day of the month, { $month } a name below, { $year } the year.

date-day = { $day } de { $month } de { $year }
date-day-short = { $day } de { $month }
date-time = { $date }, { $time } UTC
month-1 = janeiro
month-2 = fevereiro
month-3 = março
month-4 = abril
month-5 = maio
month-6 = junho
month-7 = julho
month-8 = agosto
month-9 = setembro
month-10 = outubro
month-11 = novembro
month-12 = dezembro
month-short-1 = jan.
month-short-2 = fev.
month-short-3 = mar.
month-short-4 = abr.
month-short-5 = mai.
month-short-6 = jun.
month-short-7 = jul.
month-short-8 = ago.
month-short-9 = set.
month-short-10 = out.
month-short-11 = nov.
month-short-12 = dez.

## The footer of every page

footer-about = Links curtos, cada um com uma página privada para quem o criou.
# A link to the API's documentation, followed by ": Accept: application/json".
footer-api = Tudo isso também como API JSON

## The copy buttons (with JavaScript)

# On a copy button, for two seconds after it was pressed.
copy-done = Copiado
# Read out by screen readers after a copy button was pressed.
copy-status-done = Copiado para a área de transferência

## Home page: the create form, smart link fields, bulk results, after a delete

# The page's title and heading.
home-title = Encurtar um link
home-lead = Cole uma URL longa e receba um link curto, além de uma página privada com a contagem de cliques.
# Shown after a field's label, in smaller type.
home-optional = (opcional)

# Private mode: the site asks for a token from its operator before showing the forms.
home-token-heading = Seu token de criador
home-token-hint = Este site só cria links para quem tem um token fornecido pelo operador. Digite o seu uma vez: este navegador vai guardá-lo.
home-token = Token de criador
# The button that sends the token.
home-token-continue = Continuar

# The URL to shorten.
home-target-url = URL longa
# The short link's own key (the part after the site's address), chosen instead of a random one.
home-custom-key = Chave personalizada
home-custom-key-hint = De 3 a 32 letras, dígitos, "-" ou "_". Deixe em branco para uma chave aleatória.
# A folded section; "check" is the option below that checks the long URL answers.
home-more-options = Mais opções: título, nota, validade, limite de cliques, senha, tags de campanha, verificação
home-title-field = Título
home-note = Nota
home-note-hint = Só você a vê, na página privada deste link.
home-preview = Prévia do link
home-preview-hint = O que apps de conversa e prévias de e-mail mostram deste link, no lugar do cartão do destino. Só aparece na página com o botão Continuar que eles recebem, então precisa de "Contar só pessoas".
home-preview-title = Título da prévia
home-preview-description = Descrição da prévia
home-preview-image = URL da imagem da prévia
home-expires-at = Expira em
# After "Expires at": the time typed is in UTC.
home-expires-at-note = (UTC, opcional)
home-starts-at = Ativo a partir de
home-starts-at-hint = Até lá, os visitantes veem quando, e nada é contado.
home-max-clicks = Parar depois deste número de cliques
home-password = Senha para visitantes
home-password-hint = Pelo menos 8 caracteres. Os visitantes precisam digitá-la antes de serem redirecionados.
home-check-target = Verificar se a URL longa responde antes de encurtá-la
# A checkbox label, followed by "(?utm_source=mail { home-forward-query-example })".
home-forward-query = Acrescentar à URL longa os parâmetros de consulta dos visitantes
# Inside parentheses, after the code sample "?utm_source=mail": the sample typed after the short link is passed on to the long URL.
home-forward-query-example = no link curto é repassado
# The utm_source, utm_medium... fields (their names are shown as they are).
home-campaign = Tags de campanha
home-campaign-note = (opcional, acrescentadas à URL longa)
# The create form's button (also the smart link section's first button on the home page).
home-shorten = Encurtar

# A second form: many long URLs at once.
home-many = Vários de uma vez
home-many-urls = URLs longas, uma por linha
# { $count } is the most URLs one form may hold.
home-many-limit = (até { $count })
home-shorten-all = Encurtar todos

# A collection: one private page for many links (a heading, then the form's button).
home-collection = Criar uma coleção
home-collection-hint = Uma página privada para vários links: os cliques somados, um gráfico, um CSV. Sem conta: o endereço da página é a chave, então salve-o nos favoritos.
home-collection-name = Nome da coleção
home-collection-start = Criar uma coleção
home-anywhere = Encurtar de qualquer lugar
home-anywhere-hint = Arraste este link para a barra de favoritos. Em qualquer página, clique nele: este formulário abre com o endereço dessa página preenchido. Instalado como app no celular, este site também recebe links pelo menu de compartilhar.
home-bookmarklet = Encurtar esta página
home-sharex = ShareX (Windows):
home-sharex-download = baixar o uploader personalizado
home-sharex-token = Coloque seu token de criador no lugar de YOUR-CREATOR-TOKEN.

## Smart link fields (the create form and the admin page)

# A folded section: rules that send visitors elsewhere, a split between variants, where the link leads after it ends.
smart-summary = Link inteligente: regras, divisão, depois do fim
smart-rules = Regras
smart-rules-note = (a primeira que se aplicar a um visitante o envia para a URL dela)
# The heading of one rule; { $number } is its place (1, 2, ...).
smart-rule = Regra { $number }
# The visitor's kind of device.
smart-device = Dispositivo
# The device choice that matches every device.
smart-device-any = Qualquer um
# A device's name in the device list; { $device } is ios, android, mobile or desktop.
smart-device-name =
    { $device ->
        [ios] iOS
        [android] Android
        [mobile] celular ou tablet
        [desktop] computador
       *[other] { $device }
    }
# The visitor's language; "de" is a language tag, as typed in the field.
smart-language = Idioma
smart-language-example = (por exemplo, de)
# The short link's query string; "src=poster" is typed as it is.
smart-query = Parâmetro de consulta
smart-query-example = (por exemplo, src=poster)
# The rule applies from this time...
smart-after = A partir de
# ...until this time.
smart-before = Até
# After "From" and "Until": the times are in UTC.
smart-utc = (UTC)
# The URL the rule sends visitors to.
smart-target = Enviar para
# The A/B split of visitors between several URLs (a legend, then a note).
smart-split = Divisão
smart-split-note = (as visitas que nenhuma regra pegou, repartidas por peso; cada visitante continua vendo a mesma variante)
# One URL of the split; { $number } is its place (1, 2, ...).
smart-variant = Variante { $number }
# A variant's share of the visits.
smart-weight = Peso
smart-weight-range = (de 1 a 100)
# A URL visitors go to once the link has expired or used up its clicks.
smart-expired-url = Depois do fim, enviar os visitantes para
smart-optional = (opcional)
smart-expired-url-hint = Depois que expirar ou esgotar os cliques, o link leva para cá em vez de avisar que expirou.
# Whether only people are counted (and let through), not link previews or mail scanners.
smart-humans-only = Contar só pessoas
# Choices of "Count people only": only when the link has a click limit, always, never.
smart-humans-auto = Com limite de cliques
smart-humans-on = Sempre
smart-humans-off = Nunca
# "Continue" is the button such a visitor sees.
smart-humans-only-hint = Prévias de links e verificadores de e-mail recebem um botão Continuar e não são contados, então não conseguem esgotar um link de uso único.
# The admin page's button that saves these fields.
smart-save = Salvar o link inteligente
# Buttons that show the form again with one more empty row.
smart-add-rule = Adicionar outra regra
smart-add-variant = Adicionar outra variante

## Results of "many at once"

bulk-title = Seus links curtos
# { $created } links were made out of { $total } lines (the rest were refused, with why).
bulk-created = { $created } de { $total } criados.
bulk-save-admin-links = Salve os links de administração agora: esta página é o único lugar onde eles aparecem, e eles são a única forma de ver os cliques ou excluir um link.
# The table's column headings.
bulk-long-url = URL longa
bulk-short-link = Link curto
bulk-admin-page = Página de administração (mantenha em segredo)
bulk-shorten-more = Encurtar mais links

## After a delete

deleted-title = Link excluído
deleted-success = O link curto foi excluído com sucesso.
# When the page is opened without having just deleted a link.
deleted-done = O link foi excluído.
deleted-explained = O link curto não redireciona mais ninguém, e a chave dele nunca será reutilizada.
deleted-shorten-another = Encurtar outro link

## The owner's pages: a link's admin page, its shared stats page, a collection

## The clicks of a link or a collection (admin, stats and collection pages)

clicks-heading = Cliques
# The label of the choice of how many days the chart shows.
clicks-windows = Dias exibidos
# One choice of that window: 7, 30, 90 or 365 days.
clicks-window = { $days ->
    [one] { $days } dia
   *[other] { $days } dias
}
# Follows a number of clicks shown in bold: "7 in the last 30 days". $count is
# that number of clicks (to agree with it), $days the window.
clicks-recent = nos últimos { $days } dias
# Follows a number of clicks: "120 in all". $count is that number.
clicks-all = no total

## The chart of clicks per day

# The chart's description for screen readers. $total clicks over $days days; $max
# is the most clicks on a single day.
chart-title = Cliques por dia nos últimos { $days } dias: { $total } no total, no máximo { $max } em um só dia
# A day's bar, on hover: $day is the day (2026-11-28), $count its clicks.
chart-bar = { $day }: { $count ->
    [one] { $count } clique
   *[other] { $count } cliques
}

## Where clicks come from (referrers and kinds of client)

sources-heading = De onde vêm os cliques
sources-referrers = Sites de origem
# The column of referring sites' names.
sources-site = Site
# The kinds of client that clicked (browser, bot, other).
sources-clients = Tipos de cliente
# The column of the kinds of client.
sources-kind = Tipo
sources-clicks = Cliques
sources-none = Nenhum clique ainda.
sources-privacy = Só guardamos o nome do site de origem e um tipo aproximado de cliente: nunca endereços, links completos ou detalhes do navegador.
# A referrer: clicks that came with no referring page (typed, bookmarked, from an app).
sources-direct = direto
# A referrer: clicks whose referring page named no site.
sources-unknown = desconhecido
# A referrer: all the sites past the 100 that are counted one by one.
sources-other-hosts = outros sites
# A kind of client: a web browser.
sources-browser = navegador
# A kind of client: a crawler, link preview, mail scanner or monitor.
sources-bot = robô
# A kind of client: anything else.
sources-other = outro

## The admin page of a short link (its owner's secret page)

admin-title = Seu link curto
admin-ready = Seu link curto está pronto
admin-ready-save = Salve esta página: ela é o seu único caminho de volta.
admin-ready-bookmark = Adicione-a aos favoritos para ver os cliques mais tarde ou excluir o link. Ninguém mais consegue encontrá-la para você.
admin-short-link = Link curto
# A button that copies the field beside it to the clipboard.
admin-copy = Copiar
admin-page-url = Esta página (mantenha em segredo)
admin-stats-url = Estatísticas para compartilhar (só contagens)
admin-stats-url-hint = Mostra os cliques, o gráfico e de onde eles vêm; não permite alterar nem excluir nada.
admin-stats-url-off-label = Estatísticas para compartilhar
# "Sharing and safety" is the heading admin-sharing, further down the page.
admin-stats-url-off = Desativado. Crie um novo em "Compartilhamento e segurança", mais abaixo.
# Where the short link leads (a label followed by the long URL).
admin-goes-to = Leva a
admin-created = Criado em
admin-clicks = Cliques
admin-expires = Expira em
# The link never expires.
admin-expires-never = Nunca
admin-starts = Ativo a partir de
admin-click-limit = Limite de cliques
# The click limit $max, and how many clicks are left before it is reached.
admin-click-limit-value = { $max } (restam { $left })
# Whether a visitor's query string (?utm_source=…) is added to the long URL.
admin-forward-query = Repasse de parâmetros
# Query forwarding on, in two pieces around a query string shown as code:
# "On: a visitor's ?utm_source=… is added to the target (the visitor's value wins)".
admin-forward-on-start = Ativado: o
admin-forward-on-end = de um visitante é acrescentado ao destino (o valor do visitante prevalece)
admin-forward-off = Desativado
admin-password = Senha
admin-password-on = Os visitantes precisam de uma senha
# No password.
admin-password-none = Nenhuma
admin-status = Situação
admin-status-deleted = Excluído
# $reason is the operator's reason, as they wrote it (not translated).
admin-status-disabled = Desativado pelo operador deste site: { $reason }. Os visitantes veem "este link foi desativado"; não é possível alterá-lo nem reativá-lo por aqui
admin-status-expired = Expirado: os visitantes veem "este link expirou"
admin-status-waiting = Ainda não ativo: os visitantes veem quando ele fica ativo
admin-status-active = Ativo
# Followed by the date and time of the last click.
admin-last-click = último clique:
admin-last-click-never = último clique: nunca
admin-qr = QR code
# The QR code image's description; $url is the short link.
admin-qr-label = QR code de { $url }
admin-qr-scans = Ao ser lido, leva a { $url }.
# The caption goes on with two links, SVG and PNG, between these pieces:
# "Download it as SVG or PNG."
admin-qr-download = Baixe como
admin-qr-download-or = ou
admin-qr-download-end = .
admin-edit = Alterar o destino…
admin-edit-target = Nova URL longa
admin-edit-hint = Cliques, validade, limite de cliques e senha continuam como estão.
admin-edit-save = Salvar
admin-annotate = Título e nota
admin-preview-hint = Mostrada às prévias de links só na página Continuar. Tudo em branco: nenhuma.
admin-schedule = Hora de início
admin-schedule-hint = Em branco: ativo já. Até lá, os visitantes veem quando, e nada é contado.

## The admin page: the smart link (rules, a split between variants)

admin-smart = Link inteligente
admin-smart-none = Sem regras e sem divisão: todo visitante vai para a URL longa.
admin-smart-caption = Cliques nos últimos { $days } dias, conforme o que decidiu para onde foram
# Table heading: the rule or variant that chose the target.
admin-smart-decided-by = Decidido por
# Table heading: the rule's conditions.
admin-smart-when = Quando
admin-smart-goes-to = Leva a
admin-smart-clicks = Cliques
# $number is the rule's place in the list: "Rule 2".
admin-smart-rule = Regra { $number }
# $number is the variant's place in the split: "Variant 2".
admin-smart-variant = Variante { $number }
# A variant's share of the visitors, as a relative weight.
admin-smart-weight = Peso { $weight }
# A rule's condition: $value is the device as the API names it (ios, android, mobile, desktop).
admin-rule-device = dispositivo { $value }
# A rule's condition: $value is a language tag (de, fr, ...).
admin-rule-language = idioma { $value }
# A rule's condition: from the date and time $value on.
admin-rule-from = a partir de { $value }
# A rule's condition: until the date and time $value.
admin-rule-until = até { $value }
# Followed by a link to the URL visitors go to once the link has expired, then admin-smart-after-end-end.
admin-smart-after-end = Depois do fim, os visitantes vão para
admin-smart-after-end-end = .
# "Continue" is the button of the page that previews and scanners are shown.
admin-smart-humans = Conta só pessoas: prévias de links e verificadores de e-mail recebem um botão Continuar.
admin-smart-every-visit = Conta todas as visitas.
# A link to a page that shows where the short link would send a visitor.
admin-smart-peek = Testar para onde ele envia um visitante
# After the link admin-smart-peek.
admin-smart-peek-note = (nada é contado).

## The admin page: sharing, a new address, deleting

admin-sharing = Compartilhamento e segurança
admin-stats-replace = Substituir o link de estatísticas
admin-stats-make = Criar um link de estatísticas
admin-stats-off = Desativar o link de estatísticas
admin-forward-stop = Parar de acrescentar os parâmetros de consulta dos visitantes
admin-forward-start = Acrescentar ao destino os parâmetros de consulta dos visitantes
admin-sharing-hint-stats = Um link de estatísticas substituído ou desativado responde "não encontrado".
# A sentence in pieces around two examples shown as code: "With query forwarding
# on, https://sho.rt/abc?utm_source=mail goes to the target with utm_source=mail added."
admin-sharing-hint-forward = Com o repasse de parâmetros ativado,
admin-sharing-hint-forward-goes = vai para o destino com
admin-sharing-hint-forward-added = acrescentado.
admin-rotate = Outra pessoa tem o endereço desta página…
admin-rotate-explain = Dê um novo endereço a esta página: o antigo deixa de funcionar na hora, em todo lugar, e o link sai de todas as coleções em que está (adicione-o de novo colando o novo endereço na página de uma coleção). O link curto, os cliques e o link de estatísticas continuam como estão.
admin-rotate-confirm = Sim, dar um novo endereço a esta página
admin-collections = Coleções em que este link está
admin-collections-explain = Cada uma destas coleções mostra o endereço desta página. Tire o link das que você não reconhece e depois dê um novo endereço a esta página.
admin-collections-leave = Tirar de { $name }
admin-delete = Excluir este link…
admin-delete-explain = Os visitantes verão "não encontrado", e a chave nunca será dada a outra pessoa. Isso não pode ser desfeito.
admin-delete-confirm = Sim, excluir este link

## The admin page: what it says after a change

admin-notice-updated = Salvo: o link agora leva ao novo endereço.
admin-notice-forward-on = Salvo: os parâmetros de consulta dos visitantes agora são acrescentados ao destino.
admin-notice-forward-off = Salvo: os parâmetros de consulta dos visitantes não são mais acrescentados ao destino.
admin-notice-stats-off = O link de estatísticas está desativado: ele não abre mais nada.
admin-notice-stats-new = O link de estatísticas foi substituído: o antigo não abre mais nada.
admin-notice-smart = Salvo: as regras, a divisão e para onde o link leva depois do fim.
admin-notice-rotated = Esta página tem um novo endereço: o antigo não funciona mais, e o link saiu de todas as coleções em que estava. Adicione este aos favoritos agora.
admin-notice-left = O link foi tirado dessa coleção: ela não o mostra mais.
admin-notice-previewed = Salvo: a prévia do link.
admin-notice-annotated = Salvo: o título e a nota.
admin-notice-scheduled = Salvo: a hora de início.

## The stats page (a link's counts, shared by its owner)

# The page's title; $url is the short link.
stats-title = Cliques de { $url }
# The heading, followed by the short link.
stats-heading = Cliques de

## A collection's page (one secret page for many links)

# The page's title; $name is the collection's name, as its owner wrote it.
collection-title = { $name } · coleção
collection-page-url = A página desta coleção (mantenha em segredo)
# A button that copies the field beside it to the clipboard.
collection-copy = Copiar
collection-links = Links
collection-clicks = Cliques
collection-clicks-heading = Cliques de todos os links
collection-links-heading = Links
# The label of the choice of the list's order.
collection-order = Ordem
collection-sort-date = Mais novos primeiro
collection-sort-clicks = Mais clicados primeiro
# A key is the part of a short link after the last slash.
collection-find-label = Buscar por chave ou URL longa
collection-find = Buscar
collection-empty = Nenhum link ainda: crie um abaixo ou adicione um que você criou antes, pela URL de administração dele.
# $filter is what was typed into the search field.
collection-no-match = Nenhum link corresponde a "{ $filter }".
# The list's description for screen readers: $shown links are listed of the $count in the collection.
collection-shown = { $shown } de { $count } links
# Table heading of the checkboxes (for screen readers only).
collection-select = Selecionar
# A checkbox's label for screen readers; $key is the short link's key.
collection-select-link = Selecionar { $key }
collection-short-link = Link curto
collection-goes-to = Leva a
collection-created = Criado em
collection-status = Situação
# Table heading: a link to each link's own admin page.
collection-owner-page = Página do dono
# Opens a link's admin page.
collection-open = Abrir
collection-status-active = ativo
collection-status-disabled = desativado
collection-status-expired = expirado
collection-status-deleted = excluído
collection-deactivate = Desativar os links selecionados
collection-csv = Baixar a lista (CSV)
collection-page = Página { $page } de { $pages }
collection-previous = Página anterior
collection-next = Próxima página
collection-pages = Páginas da lista
collection-add-heading = Adicionar links
collection-new-target = Novo link curto para esta URL longa
collection-shorten = Encurtar nesta coleção
collection-join-label = Ou adicione um link que você criou antes: a URL de administração dele
collection-join = Adicionar a esta coleção
collection-rotate = Outra pessoa tem o endereço desta página…
collection-rotate-explain = Dê um novo endereço a esta coleção: o antigo deixa de funcionar na hora, em todo lugar. Os links dela continuam como estão.
collection-rotate-confirm = Sim, dar um novo endereço a esta coleção
collection-rotate-links-explain = Se o endereço desta página vazou, os endereços de administração que ela mostra também: dê novos aos links dela. Eles então saem de todas as outras coleções.
collection-rotate-links-confirm = Sim, e dar um novo endereço de administração a cada link dela

## A collection's page: what it says after a change

collection-notice-created = Sua coleção está pronta. Adicione esta página aos favoritos: o endereço dela é a única chave de acesso.
collection-notice-added = O link foi adicionado a esta coleção.
collection-notice-none-selected = Nenhum link foi selecionado: primeiro marque os links que deseja desativar.
collection-notice-rotated = Esta coleção tem um novo endereço: o antigo não funciona mais. Adicione este aos favoritos agora.
collection-notice-rotated-links =
    { $count ->
        [one] Esta coleção tem um novo endereço, e { $count } link dela tem um novo endereço de administração: os antigos não funcionam mais. Adicione esta página aos favoritos agora.
       *[other] Esta coleção tem um novo endereço, e { $count } links dela têm novos endereços de administração: os antigos não funcionam mais. Adicione esta página aos favoritos agora.
    }
# $count links were deactivated; English writes "link(s)" for any number, other
# languages may choose plural forms by $count.
collection-notice-deactivated = { $count ->
    [one] { $count } link desativado: ele não redireciona mais.
   *[other] { $count } links desativados: eles não redirecionam mais.
}

## Visitor pages: where a link goes (peek), reports, moderation, the Continue and password pages, errors, the API page

## Peek: /peek/<key>, where a short link goes without going there

peek-title = Para onde ele leva?
peek-heading = Para onde este link leva?
# Follows the short link's address; the target's address comes on the next line:
# "https://s.example/abc leads to: https://example.com/page"
peek-leads-to = leva a:
# Followed by what decided where the link leads (peek-decided-...), in bold.
peek-decided-by = Decidido por:
# What decided: the smart link's rule number $number (as counted from 1 in the owner's list).
peek-decided-rule = regra { $number }
# What decided: the smart link's split variant number $number (counted from 1).
peek-decided-variant = variante { $number }
# What decided: nothing special, the link's own target.
peek-decided-default = padrão
# What decided: the link has expired and leads to its "after expiry" address.
peek-decided-expired = expirado
# Anything else that decided, as the server names it ($what, in English).
peek-decided-other = { $what }
# $date is a date and time in words ("November 28, 2026, 14:05 UTC").
peek-changed-on = O dono alterou o destino dele pela última vez em { $date }.
peek-unchanged = Ele leva para lá desde que foi criado.
peek-switches-on = O destino dele muda em { $date }, como o dono programou.
peek-destinations = Ele também pode levar a
# A form that asks where the link would lead for another kind of visitor.
peek-try-heading = Testar outro visitante
peek-try-hint = Nada é contado. Campos vazios significam você, como está agora.
peek-device = Dispositivo
# The device list's first choice: the device of the person looking at the page.
peek-device-yours = O seu
# Device names in the list (iPhone and iPad; Android; any phone or tablet; desktop or laptop).
peek-device-ios = iOS
peek-device-android = Android
peek-device-mobile = celular ou tablet
peek-device-desktop = computador
# The visitor's language to try, typed as a language code such as "de".
peek-language = Idioma
peek-time = Horário (UTC)
# The button that shows where the link leads for the visitor described.
peek-try = Testar
peek-shorten-own = Encurte seu próprio link

## Reports: the report form (on /report/<key> and the peek page) and its thanks

report-title = Denunciar um link
# Followed by the short link's address and a full stop.
report-about = Sobre o link curto
report-form-heading = Denunciar este link
report-form-hint = Avise o operador deste site se ele leva a algo nocivo. Nada sobre você é guardado com a denúncia.
# The question above the reasons to choose from.
report-form-why = Por quê?
report-reason-phishing = Phishing: imita um site para roubar logins ou dinheiro
report-reason-malware = Malware: baixa ou executa algo nocivo
report-reason-spam = Spam
report-reason-illegal = Conteúdo ilegal
report-reason-other = Outro motivo
report-form-details = O que você viu?
report-form-optional = (opcional)
report-form-send = Enviar a denúncia
report-received-title = Denúncia recebida
report-received-thanks = Obrigado. A denúncia foi recebida.
report-received-next = O operador deste site vai analisá-la.
report-received-home = Ir para a página inicial

## Moderation: the operator's page of reported links (/moderate/<secret>)

moderate-title = Moderação
# $query is what the operator searched for: a short key or a host name.
moderate-lead-search = Links cuja chave é “{ $query }” ou cujo destino está nesse host.
moderate-lead-reported = Links com denúncias abertas, os mais denunciados primeiro.
moderate-lead-secret = Guarde o endereço desta página só para você: ele é a chave do operador.
moderate-search-label = Buscar um link por chave ou host
# The search button.
moderate-search = Buscar
moderate-search-back = Voltar aos links denunciados
moderate-no-match = Nenhum link corresponde.
moderate-no-reports = Nenhuma denúncia aberta. Nada a fazer.
# Followed by the link's target address.
moderate-to = Para
# Labels of a link's facts.
moderate-created = Criado em
moderate-clicks = Cliques
moderate-changed = Destino alterado
moderate-next-switch = Próxima troca programada
moderate-open-reports = Denúncias abertas
# The note given to the creator token the link was made with.
moderate-token = Token de criador
moderate-state = Estado
# $reason is the operator's reason for disabling, as typed.
moderate-disabled = Desativado: { $reason }
# The state of a link that is not disabled.
moderate-forwarding = Redirecionando
# After the number of open reports: how many are for one reason, e.g. "phishing 3".
# $reason is one of the moderate-reason-... words, $count the number.
moderate-reason-count = { $reason } { $count }
# Report reasons, short, as the operator sees them.
moderate-reason-phishing = phishing
moderate-reason-malware = malware
moderate-reason-spam = spam
moderate-reason-illegal = ilegal
moderate-reason-other = outro
moderate-newest = Denúncias mais recentes
moderate-disable-reason = Motivo da desativação
# Buttons: stop the link forwarding; let it forward again; close its reports without doing anything.
moderate-disable = Desativar
moderate-enable = Reativar
moderate-dismiss = Descartar as denúncias
moderate-lead-newest = Links com denúncias abertas, a denúncia mais recente primeiro.
moderate-sort-newest = Denúncias mais recentes primeiro
moderate-sort-reports = Os mais denunciados primeiro
moderate-pages = Páginas
moderate-page = Página { $page }
moderate-previous = Página anterior
moderate-next = Próxima página
moderate-destinations = Também envia visitantes para

## The Continue page: a link that counts people only, opened by a link preview or mail scanner

continue-title = Continuar para o link
continue-preview = A prévia do link
continue-lead = Este link conta só visitas de pessoas, por isso prévias de links e verificadores de e-mail param aqui.
continue-button = Continuar
continue-shorten-own = Encurte seu próprio link

## A short link that does not forward: the password form, or why it stopped

locked-title = Link protegido
locked-heading = Este link é protegido
locked-lead = O dono definiu uma senha para ele. Digite-a para continuar.
locked-password = Senha
locked-continue = Continuar
locked-expired-title = Este link expirou
locked-disabled-title = Este link foi desativado pelo operador deste site
# $reason is the operator's reason, as typed (in the operator's language).
locked-disabled-reason = Motivo informado: { $reason }
locked-shorten-own = Encurte seu próprio link
locked-report = Denunciar este link

## The error page: "404 · Not Found", then what went wrong

status-400 = Solicitação inválida
status-401 = Não autorizado
status-403 = Proibido
status-404 = Não encontrado
status-405 = Método não permitido
status-409 = Conflito
status-410 = Não existe mais
status-413 = Conteúdo grande demais
status-415 = Tipo de mídia não suportado
status-422 = Entidade não processável
status-429 = Solicitações demais
status-500 = Erro interno do servidor
status-503 = Serviço indisponível
error-page-home = Ir para a página inicial

## The API page (/docs): its own headings; the reference itself stays in English

docs-title = API
docs-heading = A API
# Followed by the header "Accept: application/json" (as code) and a full stop.
docs-lead-json = Toda página daqui também existe em JSON: envie
# Followed by {"detail": "..."} (as code) and a full stop.
docs-lead-errors = Os erros vêm como
# Followed by a link "/openapi.json", then "(OpenAPI 3.1);" and docs-lead-same.
docs-lead-spec = A descrição legível por máquina está em
docs-lead-same = esta página mostra o mesmo documento.
# Shown in languages other than English only.
docs-reference-english = A referência abaixo está em inglês, assim como as respostas JSON da API.
docs-rules = Regras que todas as rotas seguem
docs-parameters = Parâmetros
# A parameter of a route: $name is its name (as the API spells it), $about what it is (in English).
docs-param-path = { $name } (no caminho): { $about }
docs-param-query = { $name } (na query string): { $about }
docs-param-header = { $name } (em um cabeçalho): { $about }
# The request body a route takes.
docs-body = Corpo
# The answers a route can give, one per HTTP status.
docs-answers = Respostas
docs-status = Status
docs-meaning = Significado
# Column of the media types an answer comes as (application/json, text/html).
docs-as = Formato
docs-headers = Cabeçalhos

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
error-url-not-found = A URL '{ $url }' não existe
error-not-found = A URL não existe
error-internal = Erro interno do servidor
error-unavailable = O serviço está ocupado; tente novamente
error-no-free-key = Nenhuma chave curta livre foi encontrada; tente novamente
error-cross-site = Envios de formulário vindos de outros sites não são aceitos
# $methods is the list of HTTP methods the address accepts, such as "GET, HEAD".
error-method-not-allowed = Método não permitido; este caminho aceita { $methods }
error-method-not-allowed-plain = Método não permitido
# $status is HTTP's English name of the status, such as "Bad Request".
error-not-processed = { $status }: não foi possível processar a solicitação

## Target URLs. $reason in error-invalid-url is one of the error-url-… messages
## below, which continue the sentence (in English, lower case).

error-invalid-url = A URL informada não é válida: { $reason }
error-url-empty = ela está vazia
# $max is the greatest number of characters a URL may have.
error-url-too-long = ela tem mais de { $max } caracteres
# $max is the greatest number of characters a URL may have, once special characters are encoded.
error-url-too-long-encoded = ela tem mais de { $max } caracteres depois de codificada
error-url-spaces = ela contém espaços ou caracteres de controle
error-url-not-absolute = ela não é uma URL absoluta
error-url-scheme = ela deve começar com http:// ou https://
error-url-no-host = ela não tem host
error-url-loop = ela aponta de volta para este encurtador
error-url-user-info = A URL de destino não pode conter nome de usuário nem senha
error-target-check = Não foi possível verificar a URL de destino
# $host is the web site (domain name) the link would lead to.
error-blocked = Links para { $host } não são permitidos aqui

## Short keys

# $key is the key as the visitor typed it; $min and $max are its shortest and longest lengths.
error-key-invalid = A chave personalizada '{ $key }' não é válida: use de { $min } a { $max } letras, dígitos, '-' ou '_'
# $key is the key as the visitor typed it.
error-key-reserved = A chave personalizada '{ $key }' é reservada
# $key is the key as the visitor typed it.
error-key-taken = A chave personalizada '{ $key }' já está em uso
error-secret-taken = Já existe um link armazenado com este secret_hash

## Links that cannot be followed or changed

error-gone = Este link expirou
error-not-yet = Este link ainda não está ativo: ele fica ativo em { $at }.
# $reason is the operator's own text, in whatever language they wrote it.
error-disabled = Este link foi desativado pelo operador: { $reason }
# $reason is the operator's own text, in whatever language they wrote it.
error-locked-disabled = Este link foi desativado pelo operador ({ $reason }); não é possível alterá-lo
# $clicks is how many clicks the link has; $lock the number of clicks after which targets are locked.
error-locked-clicks = Este link tem { $clicks } cliques; neste site, os destinos ficam bloqueados depois de { $lock } cliques
error-token-required = Esta instância só cria links para quem tem um token
error-password-required = Este link é protegido por senha
error-wrong-password = Senha incorreta

## Too many requests. $seconds is how many seconds to wait (a number: it may
## choose plural forms).

error-rate-limited = Muitos links criados a partir do seu endereço; tente novamente em { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }
error-too-many-reports = Muitas denúncias a partir do seu endereço; tente novamente em { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }
error-too-many-attempts = Muitas tentativas de senha a partir do seu endereço; tente novamente em { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }
error-link-braked = Muitas senhas erradas para este link nos últimos tempos; tente novamente em { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }
error-too-many-changes = Muitas alterações neste link; tente novamente em { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }

## Request bodies. $error is the English explanation of the JSON or form reader,
## passed as it is.

# $what is one of the error-body-… messages below: what the request should carry.
error-unsupported-body = Envie { $what } como application/json ou application/x-www-form-urlencoded
error-body-link = o link
error-body-password = a senha
error-body-new-target = o novo destino
error-body-report = a denúncia
error-body-decision = a decisão
error-body-token = o token
error-body-collection = a coleção
error-body-admin-url = a URL de administração
error-body-keys = as chaves
error-json-too-large = O corpo JSON é grande demais
error-not-utf8 = Não foi possível ler o corpo como texto UTF-8
error-invalid-body = Corpo da solicitação inválido: { $error }
# $field is the name of the JSON field ("rules" or "variants").
error-invalid-body-field = Corpo da solicitação inválido: { $field }: { $error }
# $field is the name of the JSON field that is missing.
error-missing-field = Corpo da solicitação inválido: falta o campo `{ $field }`
error-malformed-json = JSON malformado: { $error }
error-link-not-object = Cada link deve ser um objeto JSON
# $max is how many links one request may create.
error-body-shape = O corpo deve ser um objeto JSON ou um array de até { $max } objetos
error-form-too-large = O formulário é grande demais
# $field is the name of the form's field, as sent.
error-form-field = Campo do formulário '{ $field }': { $error }
error-form-unreadable-because = Não foi possível ler o formulário: { $error }
error-form-unreadable = Não foi possível ler o formulário
# The names in quotes are the JSON fields, and true, false, "off", "new" and null their values: keep them.
error-edit-shape = Envie um objeto com um ou mais destes campos: "target_url" (uma URL), "forward_query" (true ou false), "stats" ("off" ou "new"), "rules" e "variants" (arrays), "expired_url" (uma URL ou null), "humans_only" (true ou false), "title" e "note" (texto ou null), "starts_at" (uma hora ou null) e "preview" (um objeto ou null)

## Fields of a new link

error-expires-at-format = expires_at deve ser uma data e hora como 2026-12-31T23:59:00Z
error-expires-at-range = expires_at deve ser um horário anterior ao ano 10000 (UTC)
error-expires-at-past = expires_at deve estar no futuro
error-starts-at-format = starts_at deve ser uma data e hora como 2026-12-31T23:59:00Z
error-starts-at-range = starts_at deve ser antes do ano 10000 em UTC
error-starts-at-after-expiry = starts_at deve vir antes de expires_at
error-max-clicks = max_clicks deve ser um número inteiro, no mínimo 1
error-collection-secret = collection deve ser o segredo de uma coleção ou a URL dela
# $name is the campaign tag's field (utm_source, utm_medium, ...); $max its greatest number of characters.
error-campaign-tag = { $name } deve ter no máximo { $max } caracteres, sem caracteres de controle
# $min and $max are the shortest and longest lengths of a password, in characters.
error-password-too-short = A senha deve ter pelo menos { $min } caracteres
error-password-too-long = A senha deve ter no máximo { $max } caracteres
error-no-urls = Informe pelo menos uma URL
# $max is how many links one request may create; $count how many were sent.
error-too-many-links = No máximo { $max } links de uma vez ({ $count } enviados)
error-custom-key-bulk = Só é possível dar uma chave personalizada a um único link

## Smart links: rules, split and fallback

# $max is how many rules a link may have.
error-too-many-rules = Um link pode ter no máximo { $max } regras
# $max is how many variants a split may have.
error-variant-count = Uma divisão precisa de 2 a { $max } variantes
# $place is the rule's number (1 for the first); $reason one of the error-rule-… or
# error-invalid-url messages, which continue the sentence.
error-rule = Regra { $place }: { $reason }
# $place is the variant's number (1 for the first); $reason error-variant-weight or
# an error-invalid-url message, which continue the sentence.
error-variant = Variante { $place }: { $reason }
# $min and $max are the smallest and greatest weights.
error-variant-weight = o peso deve ser de { $min } a { $max }
# expired_url is the field's name; $error is the error-invalid-url (or error-url-user-info) message.
error-expired-url = expired_url: { $error }
error-rule-no-condition = uma regra precisa de pelo menos uma condição
# $tag is what was typed, in quotes; "de" is an example of a language tag.
error-rule-language = { $tag } não é uma tag de idioma como "de"
# $max is how many query conditions a rule may have.
error-rule-query-count = no máximo { $max } condições de parâmetro de consulta
# $max is the greatest number of characters of a query name or value.
error-rule-query-text = os nomes dos parâmetros de consulta devem ter de 1 a { $max } caracteres, e os valores no máximo isso, sem caracteres de controle
# "after" and "before" are the names of the fields: keep them.
error-rule-times = {"\""}after" deve ser anterior a "before"
error-rule-time-format = os horários têm o formato 2026-12-31T23:59
error-rule-time-range = os horários devem estar entre os anos 0000 e 9999 em UTC
error-rule-device = o dispositivo deve ser ios, android, mobile ou desktop

## The owner's page and the peek

error-forward-query = forward_query deve ser on ou off
error-humans-only = humans_only deve ser on, off ou auto
error-stats-change = stats deve ser off ou new
error-nothing-to-change = Nada a alterar: envie target_url, forward_query ou stats
error-peek-device = device deve ser ios, android, mobile ou desktop
error-peek-language = language deve ser uma tag de idioma como de
error-peek-at = at deve ser uma data e hora como 2026-12-31T23:59:00Z
error-peek-at-range = at deve ser um horário anterior ao ano 10000 (UTC)
error-days = days deve ser 7, 30, 90 ou 365

## Collections

error-collection-name-missing = Dê um nome à coleção
# $max is the greatest number of characters of a collection's name.
error-collection-name-too-long = O nome deve ter no máximo { $max } caracteres
error-collection-name-control = O nome não pode conter caracteres de controle
error-text-too-long = O texto deve ter no máximo { $max } caracteres
error-text-control = O texto não pode conter caracteres de controle
error-preview-title = Uma prévia de link precisa de um título
error-preview-image = A imagem da prévia: { $reason }
error-previews-off = Esta instância não mostra prévias de links
error-preview-humans-only = Uma prévia de link precisa de humans_only: ela só aparece na página Continuar
error-sort = sort deve ser date ou clicks
error-page = page deve ser um número inteiro a partir de 1
error-collection-full = Esta coleção está cheia: ela comporta no máximo { $max } links. Crie outra coleção.
error-no-collection = Nenhuma coleção tem este segredo
error-not-admin-url = Esta não é a URL de administração de um link deste site
error-admin-url = Cole a URL de administração do link (https://…/admin/…)
error-rotate-links = links deve ser true ou false
# $max is how many links one request may change.
error-too-many-keys = No máximo { $max } chaves de uma vez

## Reports and moderation

error-report-reason = Escolha um motivo: phishing, malware, spam, illegal ou other
# $max is the greatest number of characters of a report's details.
error-details-too-long = Os detalhes devem ter no máximo { $max } caracteres
error-details-control = Os detalhes não podem conter caracteres de controle
error-disable-reason-missing = Informe um motivo: os visitantes e o dono do link vão lê-lo
# $max is the greatest number of characters of the operator's reason.
error-disable-reason-too-long = O motivo deve ser uma única linha de no máximo { $max } caracteres
error-moderate-action = A ação deve ser disable, enable ou dismiss
error-moderate-sort = A ordem deve ser reports ou newest
error-moderate-page = A página deve ser um número inteiro a partir de 1

## Para onde um link inteligente envia visitantes, na página de moderação e na prévia

destination-default = o próprio destino
destination-rule = regra { $number }
destination-variant = variante { $number }
destination-expired = depois de expirar
destination-from = a partir de { $date }
destination-until = até { $date }
