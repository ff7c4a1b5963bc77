//! A QR code drawn as inline SVG (no image request, prints sharply).

use leptos::prelude::*;
use qrcode::{render::svg, EcLevel, QrCode as Code};

/// The SVG markup of a QR code for `text`, or none if it cannot be encoded.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = Code::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color>()
            .min_dimensions(220, 220)
            .quiet_zone(true)
            .build(),
    )
}

#[component]
pub fn QrCode(text: String, #[prop(into)] label: String) -> impl IntoView {
    let svg = qr_svg(&text).unwrap_or_default();
    view! { <div class="qr" role="img" aria-label=label inner_html=svg></div> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tracking_link_encodes_to_svg() {
        let svg = qr_svg("http://127.0.0.1:3000/track/0123456789abcdef0123456789abcdef");
        assert!(svg.is_some_and(|s| s.starts_with("<?xml") || s.contains("<svg")));
    }
}
