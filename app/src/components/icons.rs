//! The screens' icons as inline SVG, so they render the same on a kiosk or TV whose Linux
//! has no colour-emoji font (where emoji show as boxes). Line icons on a 24×24 grid in
//! `currentColor`, hidden from screen readers (the text beside them says it), sized by
//! CSS (`.icon`, 1em by default). Drawn by hand in the style of Lucide; the raised hand
//! is Lucide's own (ISC licence).

use leptos::prelude::*;

/// One icon of the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyph {
    /// A raised hand: asking for a person, or waiting for someone's say.
    Hand,
    Calendar,
    Car,
    /// A parcel: waiting for parts.
    Package,
    /// A stopwatch: running late.
    Timer,
    /// A tick in a circle: ready.
    CheckCircle,
    Check,
    /// An unticked box of a checklist.
    Square,
    /// A ticked box of a checklist.
    SquareCheck,
    /// A warning triangle: safety-critical.
    Warning,
    Phone,
    /// Delete the last character.
    Backspace,
}

/// `M x y` then two half arcs: a circle as one path.
macro_rules! circle {
    ($cx:literal, $cy:literal, $r:literal, $d:literal) => {
        concat!(
            "M", $cx, " ", $cy, "m-", $r, " 0a", $r, " ", $r, " 0 1 0 ", $d, " 0a", $r, " ", $r,
            " 0 1 0 -", $d, " 0"
        )
    };
}

impl Glyph {
    pub const ALL: [Glyph; 12] = [
        Glyph::Hand,
        Glyph::Calendar,
        Glyph::Car,
        Glyph::Package,
        Glyph::Timer,
        Glyph::CheckCircle,
        Glyph::Check,
        Glyph::Square,
        Glyph::SquareCheck,
        Glyph::Warning,
        Glyph::Phone,
        Glyph::Backspace,
    ];

    /// Its name in CSS (`icon-{name}`).
    pub fn name(self) -> &'static str {
        match self {
            Glyph::Hand => "hand",
            Glyph::Calendar => "calendar",
            Glyph::Car => "car",
            Glyph::Package => "package",
            Glyph::Timer => "timer",
            Glyph::CheckCircle => "check-circle",
            Glyph::Check => "check",
            Glyph::Square => "square",
            Glyph::SquareCheck => "square-check",
            Glyph::Warning => "warning",
            Glyph::Phone => "phone",
            Glyph::Backspace => "backspace",
        }
    }

    /// The path data it is drawn with (stroked, not filled).
    pub fn paths(self) -> &'static [&'static str] {
        const SQUARE: &str =
            "M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z";
        match self {
            Glyph::Hand => &[
                "M18 11V6a2 2 0 0 0-4 0v5",
                "M14 10V4a2 2 0 0 0-4 0v6",
                "M10 10.5V6a2 2 0 0 0-4 0v8",
                "M18 8a2 2 0 1 1 4 0v6a8 8 0 0 1-8 8h-2c-2.8 0-4.5-.86-5.99-2.34l-3.6-3.6a2 2 0 0 1 2.83-2.82L7 15",
            ],
            Glyph::Calendar => &[
                "M5 4h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z",
                "M16 2v4M8 2v4M3 10h18",
                "M8 14h.01M12 14h.01M16 14h.01M8 18h.01M12 18h.01",
            ],
            Glyph::Car => &[
                "M5 17H4a1 1 0 0 1-1-1v-4l2.2-5.1A1.5 1.5 0 0 1 6.6 6h10.8a1.5 1.5 0 0 1 1.4.9L21 12v4a1 1 0 0 1-1 1h-1",
                "M9 17h6M3 12h18",
                circle!(7, 17, 2, 4),
                circle!(17, 17, 2, 4),
            ],
            Glyph::Package => &["M21 8 12 3 3 8v8l9 5 9-5z", "M3 8l9 5 9-5", "M12 13v8", "M7.5 5.5l9 5"],
            Glyph::Timer => &[circle!(12, 14, 8, 16), "M12 14V10", "M10 2h4", "M19 7l1.5-1.5"],
            Glyph::CheckCircle => &[circle!(12, 12, 10, 20), "M8 12.5l2.5 2.5L16 9.5"],
            Glyph::Check => &["M20 6 9 17l-5-5"],
            Glyph::Square => &[SQUARE],
            Glyph::SquareCheck => &[SQUARE, "M8 12l3 3 5-6"],
            Glyph::Warning => &[
                "M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z",
                "M12 9v4",
                "M12 17h.01",
            ],
            Glyph::Phone => &[
                "M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2",
            ],
            Glyph::Backspace => &["M20 5H9l-7 7 7 7h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2z", "M18 9l-6 6M12 9l6 6"],
        }
    }
}

/// An icon, decorative: the words next to it (or its button's label) carry the meaning.
#[component]
pub fn Icon(glyph: Glyph) -> impl IntoView {
    view! {
        <svg
            class=format!("icon icon-{}", glyph.name())
            viewBox="0 0 24 24"
            aria-hidden="true"
            focusable="false"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
        >
            {glyph.paths().iter().map(|d| view! { <path d=*d /> }).collect_view()}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_has_its_own_class_and_a_drawing_on_the_grid() {
        let mut names: Vec<_> = Glyph::ALL.iter().map(|g| g.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Glyph::ALL.len());
        for glyph in Glyph::ALL {
            assert!(!glyph.paths().is_empty(), "{glyph:?}");
            for d in glyph.paths() {
                assert!(d.starts_with('M'), "{glyph:?}: {d}");
                assert!(d.is_ascii(), "{glyph:?}: {d}");
            }
        }
    }

    #[test]
    fn a_circle_is_two_half_arcs_round_its_centre() {
        assert_eq!(
            circle!(12, 12, 10, 20),
            "M12 12m-10 0a10 10 0 1 0 20 0a10 10 0 1 0 -20 0"
        );
    }
}
