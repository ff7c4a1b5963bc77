//! The KPI page's trend charts, drawn by the app: a series of values per period (`None`
//! is "no data", never zero) turned into SVG markup in a fixed viewBox — a line with gaps
//! or bars, the axis labels, a shaded band where there is no data and the target line.
//! Pure functions: the page puts the markup in with `inner_html`, the tests check the
//! geometry.

/// The viewBox is `0 0 WIDTH HEIGHT`; the plot sits inside the margins.
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 260.0;
const LEFT: f64 = 72.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 40.0;
const PLOT_W: f64 = WIDTH - LEFT - RIGHT;
const PLOT_H: f64 = HEIGHT - TOP - BOTTOM;
/// At most this many period labels under the x axis (the latest always has one).
const MAX_X_LABELS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Line,
    Bars,
}

/// One line (or one bar of each group) of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Shown in the tooltips and the legend.
    pub name: String,
    /// A CSS class for its colour (`kpi-s1`, `kpi-s2`, …).
    pub class: &'static str,
    pub values: Vec<Option<f64>>,
}

/// Everything one chart shows.
pub struct Spec<'a> {
    pub kind: Kind,
    pub title: &'a str,
    pub series: &'a [Series],
    /// One label per period, oldest first, as the values.
    pub labels: &'a [String],
    /// The top of the scale (the bottom is 0).
    pub max: f64,
    pub target: Option<f64>,
    /// The target line's label, e.g. "target 100%".
    pub target_label: &'a str,
    /// Tooltip of a period without data.
    pub no_data: &'a str,
    /// A value as the axis and the tooltips write it.
    pub value_text: &'a dyn Fn(f64) -> String,
}

/// Where values sit in the plot: `n` periods side by side, values from 0 to `max`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    n: usize,
    max: f64,
}

impl Scale {
    /// A scale for `n` periods up to `max` (a scale of nothing is one period up to 1).
    pub fn new(n: usize, max: f64) -> Scale {
        let max = if max.is_finite() && max > 0.0 {
            max
        } else {
            1.0
        };
        Scale { n: n.max(1), max }
    }

    /// The width of one period's slot.
    pub fn slot(self) -> f64 {
        PLOT_W / self.n as f64
    }

    /// The x of the middle of period `i`'s slot.
    pub fn x(self, i: usize) -> f64 {
        LEFT + (i as f64 + 0.5) * self.slot()
    }

    /// The y of `value` (SVG's y grows downwards), clamped to the plot.
    pub fn y(self, value: f64) -> f64 {
        let share = (value / self.max).clamp(0.0, 1.0);
        TOP + PLOT_H * (1.0 - share)
    }

    /// The y of the baseline (value 0).
    pub fn base(self) -> f64 {
        TOP + PLOT_H
    }
}

/// A bar: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    pub index: usize,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// The runs of consecutive values as points: a `None` ends a run, so the line has a gap
/// there instead of dropping to zero.
pub fn runs(scale: Scale, values: &[Option<f64>]) -> Vec<Vec<(usize, f64, f64)>> {
    let mut out: Vec<Vec<(usize, f64, f64)>> = Vec::new();
    let mut current = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) if v.is_finite() => current.push((i, scale.x(i), scale.y(*v))),
            _ => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Series `k` of `of`'s bars: each period's slot split among the series, no bar where
/// there is no data.
pub fn bars(scale: Scale, values: &[Option<f64>], k: usize, of: usize) -> Vec<Bar> {
    let of = of.max(1);
    let group = scale.slot() * 0.8;
    let w = group / of as f64;
    values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let v = (*v).filter(|v| v.is_finite())?;
            let y = scale.y(v);
            Some(Bar {
                index: i,
                x: scale.x(i) - group / 2.0 + w * k as f64,
                y,
                w,
                h: scale.base() - y,
            })
        })
        .collect()
}

/// A round top for a scale showing `values`: 1, 2 or 5 times a power of ten, at least
/// the largest value (1 when there is nothing to show).
pub fn nice_max(values: impl IntoIterator<Item = f64>) -> f64 {
    let top = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    if top <= 0.0 {
        return 1.0;
    }
    let mut step = 10f64.powi(top.log10().floor() as i32);
    loop {
        for m in [1.0, 2.0, 5.0] {
            if m * step >= top {
                return m * step;
            }
        }
        step *= 10.0;
    }
}

/// Which periods get a label under the x axis: every `k`-th counting back from the
/// latest, at most [`MAX_X_LABELS`].
pub fn labelled(n: usize) -> Vec<usize> {
    let step = n.div_ceil(MAX_X_LABELS).max(1);
    (0..n)
        .filter(|i| (n - 1 - i).is_multiple_of(step))
        .collect()
}

/// The chart as an `<svg>` element's markup.
pub fn svg(spec: &Spec) -> String {
    let n = spec.labels.len().max(
        spec.series
            .iter()
            .map(|s| s.values.len())
            .max()
            .unwrap_or(0),
    );
    let scale = Scale::new(n, spec.max);
    let mut out = format!(
        r#"<svg class="kpi-svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{t}" preserveAspectRatio="xMidYMid meet"><title>{t}</title>"#,
        t = escape(spec.title)
    );
    // Periods without any data: a shaded band, not a zero.
    for i in 0..n {
        let empty = spec
            .series
            .iter()
            .all(|s| s.values.get(i).copied().flatten().is_none());
        if empty {
            out.push_str(&format!(
                r#"<rect class="kpi-gap" x="{:.1}" y="{TOP:.1}" width="{:.1}" height="{PLOT_H:.1}"><title>{}{}</title></rect>"#,
                scale.x(i) - scale.slot() / 2.0,
                scale.slot(),
                label_prefix(spec.labels, i),
                escape(spec.no_data)
            ));
        }
    }
    // The value axis: 0, half and the top, with grid lines.
    for v in [0.0, scale.max / 2.0, scale.max] {
        let y = scale.y(v);
        out.push_str(&format!(
            r#"<line class="kpi-grid" x1="{LEFT:.1}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}"/><text class="kpi-axis" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            WIDTH - RIGHT,
            LEFT - 8.0,
            y + 5.0,
            escape(&(spec.value_text)(v))
        ));
    }
    // The period axis.
    for i in labelled(n) {
        if let Some(label) = spec.labels.get(i) {
            out.push_str(&format!(
                r#"<text class="kpi-axis" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                scale.x(i),
                HEIGHT - 12.0,
                escape(label)
            ));
        }
    }
    if let Some(target) = spec.target {
        let y = scale.y(target);
        out.push_str(&format!(
            r#"<line class="kpi-target-line" x1="{LEFT:.1}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}"/><text class="kpi-target-text" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            WIDTH - RIGHT,
            WIDTH - RIGHT,
            y - 7.0,
            escape(spec.target_label)
        ));
    }
    let of = spec.series.len();
    for (k, s) in spec.series.iter().enumerate() {
        let tip = |i: usize, v: f64| {
            format!(
                "{}{}: {}",
                label_prefix(spec.labels, i),
                escape(&s.name),
                escape(&(spec.value_text)(v))
            )
        };
        match spec.kind {
            Kind::Line => {
                for run in runs(scale, &s.values) {
                    if run.len() > 1 {
                        let points: Vec<String> = run
                            .iter()
                            .map(|(_, x, y)| format!("{x:.1},{y:.1}"))
                            .collect();
                        out.push_str(&format!(
                            r#"<polyline class="kpi-line {}" points="{}"/>"#,
                            s.class,
                            points.join(" ")
                        ));
                    }
                    for (i, x, y) in run {
                        let v = s.values.get(i).copied().flatten().unwrap_or(0.0);
                        out.push_str(&format!(
                            r#"<circle class="kpi-dot {}" cx="{x:.1}" cy="{y:.1}" r="5"><title>{}</title></circle>"#,
                            s.class,
                            tip(i, v)
                        ));
                    }
                }
            }
            Kind::Bars => {
                for b in bars(scale, &s.values, k, of) {
                    let v = s.values.get(b.index).copied().flatten().unwrap_or(0.0);
                    out.push_str(&format!(
                        r#"<rect class="kpi-bar {}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"><title>{}</title></rect>"#,
                        s.class,
                        b.x,
                        b.y,
                        b.w,
                        b.h,
                        tip(b.index, v)
                    ));
                }
            }
        }
    }
    out.push_str("</svg>");
    out
}

/// "label · " for tooltips.
fn label_prefix(labels: &[String], i: usize) -> String {
    labels
        .get(i)
        .map(|l| format!("{} · ", escape(l)))
        .unwrap_or_default()
}

/// Text safe inside SVG markup.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests;
