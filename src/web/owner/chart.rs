//! The click history as an inline SVG bar chart, laid out here and drawn by the
//! admin template: no JavaScript, colours from the stylesheet (so dark mode works).

use crate::service::DayClicks;

/// The drawing's size in SVG units; it scales to the page's width. Every number the
/// template draws comes from here.
pub const WIDTH: f64 = 720.0;
pub const HEIGHT: f64 = 200.0;
/// Room for the count labels on the left and the dates below.
const LEFT: f64 = 44.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 28.0;
/// The height of the tallest bar.
pub const PLOT_HEIGHT: f64 = HEIGHT - TOP - BOTTOM;

/// One day's bar; numbers are formatted for SVG attributes.
#[derive(Debug)]
pub struct Bar {
    pub day: String,
    pub clicks: i64,
    pub x: String,
    pub y: String,
    pub width: String,
    pub height: String,
    /// The whole column, so a day without clicks still has something to hover.
    pub slot_x: String,
    pub slot_width: String,
}

/// A date under the axis: its day (`YYYY-MM-DD`), which the template says in the
/// page's language.
#[derive(Debug)]
pub struct Label {
    pub x: String,
    pub anchor: &'static str,
    pub day: String,
}

/// Everything the template draws.
#[derive(Debug)]
pub struct Chart {
    pub bars: Vec<Bar>,
    pub labels: Vec<Label>,
    /// The tallest bar's count, written at the top of the axis.
    pub max: i64,
    pub total: i64,
}

impl Chart {
    /// Lays out one bar per day, heights in proportion to the busiest day.
    pub fn new(days: &[DayClicks]) -> Chart {
        let max = days.iter().map(|d| d.clicks).max().unwrap_or(0);
        let pitch = (WIDTH - LEFT - RIGHT) / days.len().max(1) as f64;
        let gap = if pitch >= 4.0 { pitch * 0.2 } else { 0.0 };
        let bars = days
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let height = match max {
                    0 => 0.0,
                    _ => PLOT_HEIGHT * d.clicks as f64 / max as f64,
                };
                let slot_x = LEFT + pitch * i as f64;
                Bar {
                    day: d.day.clone(),
                    clicks: d.clicks,
                    x: num(slot_x + gap / 2.0),
                    y: num(TOP + PLOT_HEIGHT - height),
                    width: num(pitch - gap),
                    height: num(height),
                    slot_x: num(slot_x),
                    slot_width: num(pitch),
                }
            })
            .collect();
        Chart {
            bars,
            labels: labels(days, pitch),
            max,
            total: days.iter().map(|d| d.clicks).sum(),
        }
    }

    /// The SVG `viewBox`.
    pub fn view_box(&self) -> String {
        format!("0 0 {} {}", num(WIDTH), num(HEIGHT))
    }
    /// Where the counts beside the axis end (right-aligned).
    pub fn count_x(&self) -> String {
        num(LEFT - 6.0)
    }
    /// The height of a day's whole column.
    pub fn plot_height(&self) -> String {
        num(PLOT_HEIGHT)
    }
    /// Where the axis line and the top gridline are drawn.
    pub fn left(&self) -> String {
        num(LEFT)
    }
    pub fn right(&self) -> String {
        num(WIDTH - RIGHT)
    }
    pub fn top(&self) -> String {
        num(TOP)
    }
    pub fn baseline(&self) -> String {
        num(TOP + PLOT_HEIGHT)
    }
    pub fn date_line(&self) -> String {
        num(HEIGHT - 8.0)
    }
}

/// The first, middle and last dates, under their bars.
fn labels(days: &[DayClicks], pitch: f64) -> Vec<Label> {
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return Vec::new();
    };
    let mut labels = vec![Label {
        x: num(LEFT),
        anchor: "start",
        day: first.day.clone(),
    }];
    if days.len() > 2 {
        let middle = days.len() / 2;
        labels.push(Label {
            x: num(LEFT + pitch * (middle as f64 + 0.5)),
            anchor: "middle",
            day: days[middle].day.clone(),
        });
    }
    labels.push(Label {
        x: num(WIDTH - RIGHT),
        anchor: "end",
        day: last.day.clone(),
    });
    labels
}

/// An SVG number: at most two decimals, no trailing zeros.
fn num(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(counts: &[i64]) -> Vec<DayClicks> {
        counts
            .iter()
            .enumerate()
            .map(|(i, &clicks)| DayClicks {
                day: format!("2026-11-{:02}", i + 1),
                clicks,
            })
            .collect()
    }

    #[test]
    fn bars_are_in_proportion_to_the_busiest_day() {
        let chart = Chart::new(&days(&[0, 1, 2, 4]));
        let heights: Vec<&str> = chart.bars.iter().map(|b| b.height.as_str()).collect();
        assert_eq!(heights, ["0", "40", "80", "160"]);
        assert_eq!((chart.max, chart.total), (4, 7));
        assert_eq!(chart.bars[3].y, "12");
    }

    #[test]
    fn a_chart_without_clicks_has_flat_bars() {
        let chart = Chart::new(&days(&[0; 30]));
        assert_eq!(chart.bars.len(), 30);
        assert!(chart.bars.iter().all(|b| b.height == "0"));
    }

    #[test]
    fn the_first_middle_and_last_days_are_labelled() {
        let chart = Chart::new(&days(&[1; 7]));
        let labelled: Vec<&str> = chart.labels.iter().map(|l| l.day.as_str()).collect();
        assert_eq!(labelled, ["2026-11-01", "2026-11-04", "2026-11-07"]);
        assert_eq!(num(12.5), "12.5");
    }
}
