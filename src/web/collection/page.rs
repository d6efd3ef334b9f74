//! The collection page: its links with their numbers, one chart over all of them,
//! and the forms that add, make and deactivate links; also its list as CSV.

use std::borrow::Borrow;

use askama::Template;
use serde::Serialize;

use crate::domain::collection::Sort;
use crate::domain::window::Window;
use crate::i18n::Text;
use crate::service::{CollectionView, DayClicks, Member};
use crate::settings::Settings;
use crate::web::filters;
use crate::web::owner::chart::Chart;
use crate::web::respond::Page;
use crate::web::url_info::UrlInfo;

/// A collection as its owner sees it; as JSON `{name, url, clicks, history, links,
/// total, matching, page, pages, next, previous}`.
#[derive(Template, Serialize, utoipa::ToSchema)]
#[template(path = "collection.html")]
#[schema(as = Collection)]
pub struct CollectionPage {
    name: String,
    /// This page (keep it secret).
    url: String,
    /// Clicks of all its links, pending ones included.
    clicks: i64,
    /// Clicks per UTC day over the chosen window, all links together, oldest first.
    history: Vec<DayClicks>,
    /// The links on this page (at most 100, of those the filter matches), each as `URLInfo`.
    #[schema(value_type = Vec<UrlInfo>)]
    links: Vec<Listed>,
    /// How many links the collection holds.
    #[serde(rename = "total")]
    count: usize,
    /// How many of them the filter matches (all without one).
    matching: usize,
    /// This page's number, from 1, and how many pages the matching links fill.
    page: u32,
    pages: u32,
    /// The next and the previous page's URL (same order, filter and window); `null` at
    /// either end.
    next: Option<String>,
    previous: Option<String>,
    #[serde(skip)]
    #[schema(ignore)]
    days: u16,
    #[serde(skip)]
    #[schema(ignore)]
    sort: Sort,
    #[serde(skip)]
    #[schema(ignore)]
    filter: String,
    /// The one-time notice after a change.
    #[serde(skip)]
    #[schema(ignore)]
    pub flash: Option<String>,
    /// A refused form: its field, what was typed and why.
    #[serde(skip)]
    #[schema(ignore)]
    pub refused: Option<(&'static str, String, Text)>,
}

/// One link of the list: its `URLInfo` (all that JSON shows), with the key and the
/// status the page and the CSV show beside it.
#[derive(Serialize)]
struct Listed {
    #[serde(flatten)]
    info: UrlInfo,
    #[serde(skip)]
    key: String,
    /// `active`, `disabled`, `expired` or `deleted`.
    #[serde(skip)]
    status: &'static str,
}

impl CollectionPage {
    /// The page of `view`; `secret` is the collection's, from the request.
    pub fn new(
        view: CollectionView,
        secret: &str,
        settings: &Settings,
        filter: Option<&str>,
    ) -> CollectionPage {
        let links = view
            .links
            .into_iter()
            .map(|m| Listed::of(m, settings))
            .collect();
        CollectionPage {
            name: view.collection.name,
            url: settings.collection_url(secret),
            clicks: view.clicks,
            history: view.history,
            links,
            count: view.count,
            matching: view.matching,
            page: view.page,
            pages: view.pages,
            next: None,
            previous: None,
            days: view.window.days(),
            sort: Sort::default(),
            filter: filter.unwrap_or_default().to_owned(),
            flash: None,
            refused: None,
        }
    }

    /// The page listed in `sort` order (for the links to the other order), with the
    /// URLs of the pages before and after it.
    pub fn sorted(self, sort: Sort) -> CollectionPage {
        let page = CollectionPage { sort, ..self };
        let at = |n: u32| format!("{}{}", page.url, page.keep_page(sort, page.days, n, "&"));
        let next = (page.page < page.pages).then(|| at(page.page + 1));
        let previous = (page.page > 1).then(|| at(page.page.min(page.pages + 1) - 1));
        CollectionPage {
            next,
            previous,
            ..page
        }
    }

    fn chart(&self) -> Chart {
        Chart::new(&self.history)
    }

    fn windows(&self) -> [u16; 4] {
        Window::CHOICES
    }

    /// The query that keeps this view's order, filter and window, for links that
    /// change one of them (and go back to the first page).
    fn keep(&self, sort: impl Borrow<Sort>, days: impl Borrow<u16>) -> String {
        self.keep_page(*sort.borrow(), *days.borrow(), 1, "&amp;")
    }

    /// The query of page `page` in `sort` order over `days`, with this view's filter;
    /// `and` joins its parts (`&amp;` inside HTML).
    fn keep_page(&self, sort: Sort, days: u16, page: u32, and: &str) -> String {
        let filter: String = url::form_urlencoded::byte_serialize(self.filter.as_bytes()).collect();
        let sort = sort.as_str();
        let page = if page > 1 {
            format!("{and}page={page}")
        } else {
            String::new()
        };
        format!("?sort={sort}{and}days={days}{and}q={filter}{page}")
    }

    /// The page `page`'s query, for the pager's links.
    fn page_query(&self, page: u32) -> String {
        self.keep_page(self.sort, self.days, page, "&amp;")
    }

    /// The orders, each with its message id.
    fn sorts(&self) -> [(Sort, &'static str); 2] {
        [
            (Sort::Date, "collection-sort-date"),
            (Sort::Clicks, "collection-sort-clicks"),
        ]
    }

    /// How many links it has, for the page to show as a number.
    fn link_count(&self) -> i64 {
        i64::try_from(self.count).unwrap_or(i64::MAX)
    }

    /// The refused form's message for `field`, and what was typed.
    fn refused_for(&self, field: &str) -> Option<(&str, &Text)> {
        self.refused
            .as_ref()
            .filter(|(f, ..)| *f == field)
            .map(|(_, typed, message)| (typed.as_str(), message))
    }

    /// The notice after a change, if the page follows one.
    fn notice(&self) -> Option<Text> {
        let flash = self.flash.as_deref()?;
        Some(match flash {
            "created" => Text::new("collection-notice-created"),
            "added" => Text::new("collection-notice-added"),
            "none-selected" => Text::new("collection-notice-none-selected"),
            "rotated" => Text::new("collection-notice-rotated"),
            other => {
                let (word, count) = other.split_once(':')?;
                let count: i64 = count.parse().ok()?;
                let id = match word {
                    "deactivated" => "collection-notice-deactivated",
                    "rotated-links" => "collection-notice-rotated-links",
                    _ => return None,
                };
                Text::new(id).with("count", count)
            }
        })
    }
}

/// The CSV file's header line.
pub fn csv_header() -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = [
        "key",
        "short_url",
        "target_url",
        "clicks",
        "created_at",
        "status",
        "admin_url",
        "title",
        "note",
    ];
    // Writing to memory cannot fail.
    let _ = out.write_record(header);
    out.into_inner().unwrap_or_default()
}

/// The CSV lines of `members`: key, short URL, target, clicks, created, status, admin
/// URL, title, note.
pub fn csv_lines(members: Vec<Member>, settings: &Settings) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    for member in members {
        let row = Listed::of(member, settings);
        let info = &row.info;
        // Writing to memory cannot fail.
        let _ = out.write_record([
            &row.key,
            &info.url,
            &info.target_url,
            &info.clicks.to_string(),
            &info.created_at,
            row.status,
            row.admin_url().unwrap_or_default(),
            &as_text(info.title.as_deref()),
            &as_text(info.note.as_deref()),
        ]);
    }
    out.into_inner().unwrap_or_default()
}

/// An owner's text as a CSV cell a spreadsheet shows as text: one that would start a
/// formula (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`.
fn as_text(text: Option<&str>) -> String {
    let text = text.unwrap_or_default();
    match text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        true => format!("'{text}"),
        false => text.to_owned(),
    }
}

impl Listed {
    fn of(member: Member, settings: &Settings) -> Listed {
        let link = &member.link;
        let status = match () {
            _ if !link.is_active => "deleted",
            _ if link.disabled_reason.is_some() => "disabled",
            _ if member.is_expired => "expired",
            _ => "active",
        };
        Listed {
            key: link.key.clone(),
            status,
            info: UrlInfo::listed(member.link, member.admin.as_ref(), settings),
        }
    }

    /// The status's message id (the CSV keeps the word itself).
    fn status_word(&self) -> &'static str {
        match self.status {
            "deleted" => "collection-status-deleted",
            "disabled" => "collection-status-disabled",
            "expired" => "collection-status-expired",
            _ => "collection-status-active",
        }
    }

    /// The admin page, for a link not deleted (a deleted link's page is gone).
    fn admin_url(&self) -> Option<&str> {
        let url = self.info.admin_url.as_str();
        (self.info.is_active && !url.is_empty()).then_some(url)
    }
}

impl Page for CollectionPage {}
