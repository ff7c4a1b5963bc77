//! A signature pad for finger, pen or mouse: strokes kept as points on a fixed-size pad
//! so the signature is small to send and redraws the same anywhere.

use leptos::prelude::*;

use crate::i18n::{kiosk::K, t, Key, Lang};
use crate::model::Signature;

/// The pad's drawing size (the canvas scales to the screen).
pub const PAD_WIDTH: u16 = 600;
pub const PAD_HEIGHT: u16 = 220;

#[component]
pub fn SignaturePad(
    lang: Memo<Lang>,
    signature: Signal<Signature>,
    #[prop(into)] on_change: Callback<Signature>,
) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let drawing = RwSignal::new(false);
    let strokes = RwSignal::new(signature.get_untracked().strokes);

    let point = move |ev: &leptos::ev::PointerEvent| -> Option<[i16; 2]> {
        let el = canvas.get()?;
        let (w, h) = (
            f64::from(el.client_width().max(1)),
            f64::from(el.client_height().max(1)),
        );
        let x = f64::from(ev.offset_x()) * f64::from(PAD_WIDTH) / w;
        let y = f64::from(ev.offset_y()) * f64::from(PAD_HEIGHT) / h;
        let clamp = |v: f64, max: u16| v.round().clamp(0.0, f64::from(max)) as i16;
        Some([clamp(x, PAD_WIDTH), clamp(y, PAD_HEIGHT)])
    };
    let redraw = move || draw(canvas, &strokes.get_untracked());
    let publish = move || {
        on_change.run(Signature {
            width: PAD_WIDTH,
            height: PAD_HEIGHT,
            strokes: strokes.get_untracked(),
        })
    };
    Effect::new(move |_| redraw());

    view! {
        <div class="signature">
            <canvas
                node_ref=canvas
                class="signature-pad"
                data-testid="signature-pad"
                width=PAD_WIDTH
                height=PAD_HEIGHT
                role="img"
                aria-label=move || t(lang.get(), Key::Kiosk(K::SignPad))
                on:pointerdown=move |ev| {
                    ev.prevent_default();
                    if let Some(p) = point(&ev) {
                        drawing.set(true);
                        strokes.update(|s| s.push(vec![p]));
                        redraw();
                    }
                }
                on:pointermove=move |ev| {
                    if drawing.get_untracked() {
                        if let Some(p) = point(&ev) {
                            strokes.update(|s| if let Some(last) = s.last_mut() { last.push(p) });
                            redraw();
                        }
                    }
                }
                on:pointerup=move |_| {
                    drawing.set(false);
                    publish();
                }
                on:pointerleave=move |_| {
                    if drawing.get_untracked() {
                        drawing.set(false);
                        publish();
                    }
                }
            ></canvas>
            <button
                type="button"
                class="secondary"
                on:click=move |_| {
                    strokes.set(Vec::new());
                    redraw();
                    publish();
                }
            >
                {move || t(lang.get(), Key::Kiosk(K::ClearSignature))}
            </button>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn draw(canvas: NodeRef<leptos::html::Canvas>, strokes: &[Vec<[i16; 2]>]) {
    use wasm_bindgen::JsCast;
    let Some(el) = canvas.get_untracked() else {
        return;
    };
    let Some(ctx) = el
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    ctx.clear_rect(0.0, 0.0, f64::from(PAD_WIDTH), f64::from(PAD_HEIGHT));
    ctx.set_line_width(3.0);
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
    ctx.set_stroke_style_str("#111");
    for stroke in strokes {
        ctx.begin_path();
        for (i, [x, y]) in stroke.iter().enumerate() {
            let (x, y) = (f64::from(*x), f64::from(*y));
            if i == 0 {
                ctx.move_to(x, y);
                ctx.line_to(x + 0.5, y + 0.5);
            } else {
                ctx.line_to(x, y);
            }
        }
        ctx.stroke();
    }
}

#[cfg(not(feature = "hydrate"))]
fn draw(_canvas: NodeRef<leptos::html::Canvas>, _strokes: &[Vec<[i16; 2]>]) {}
