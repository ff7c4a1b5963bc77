//! The KPI charts: scales, runs and bars, labels, and the SVG they draw.

use super::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn half_the_scale_sits_at_half_height() {
    let s = Scale::new(4, 100.0);
    assert!(close(s.y(50.0), TOP + PLOT_H / 2.0));
    assert!(close(s.y(0.0), s.base()));
    assert!(close(s.y(100.0), TOP));
    // Out of range values stay inside the plot.
    assert!(close(s.y(150.0), TOP));
    assert!(close(s.y(-3.0), s.base()));
}

#[test]
fn periods_sit_in_the_middle_of_equal_slots() {
    let s = Scale::new(4, 100.0);
    assert!(close(s.slot(), PLOT_W / 4.0));
    assert!(close(s.x(0), LEFT + PLOT_W / 8.0));
    assert!(close(s.x(3), LEFT + PLOT_W * 7.0 / 8.0));
    // A scale of nothing still draws.
    let empty = Scale::new(0, 0.0);
    assert!(close(empty.y(0.5), TOP + PLOT_H / 2.0));
}

#[test]
fn no_data_leaves_a_gap_not_a_zero() {
    let s = Scale::new(5, 100.0);
    let values = [Some(50.0), Some(100.0), None, Some(0.0), Some(25.0)];
    let r = runs(s, &values);
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].iter().map(|p| p.0).collect::<Vec<_>>(), vec![0, 1]);
    assert_eq!(r[1].iter().map(|p| p.0).collect::<Vec<_>>(), vec![3, 4]);
    // A real 0 is drawn on the baseline; the gap has no point at all.
    assert!(close(r[1][0].2, s.base()));
    assert!(r.iter().flatten().all(|p| p.0 != 2));
    assert!(runs(s, &[None, None]).is_empty());
}

#[test]
fn bars_split_the_slot_and_skip_no_data() {
    let s = Scale::new(2, 10.0);
    let first = bars(s, &[Some(5.0), None], 0, 2);
    let second = bars(s, &[Some(10.0), Some(0.0)], 1, 2);
    assert_eq!(first.len(), 1);
    assert!(close(first[0].h, PLOT_H / 2.0));
    assert!(close(first[0].y + first[0].h, s.base()));
    assert_eq!(second.len(), 2);
    // Side by side in the first slot, the second starting where the first ends.
    assert!(close(second[0].x, first[0].x + first[0].w));
    assert!(close(second[0].h, PLOT_H));
    assert!(close(second[1].h, 0.0));
    assert!(first[0].x >= s.x(0) - s.slot() / 2.0);
    assert!(second[0].x + second[0].w <= s.x(0) + s.slot() / 2.0);
}

#[test]
fn scales_round_up() {
    assert_eq!(nice_max([]), 1.0);
    assert_eq!(nice_max([0.0]), 1.0);
    assert_eq!(nice_max([3.0, 7.0]), 10.0);
    assert_eq!(nice_max([12.0]), 20.0);
    assert_eq!(nice_max([20.0]), 20.0);
    assert_eq!(nice_max([41.0, f64::NAN]), 50.0);
    assert_eq!(nice_max([0.3]), 0.5);
}

#[test]
fn the_latest_period_always_has_a_label() {
    assert_eq!(labelled(3), vec![0, 1, 2]);
    let many = labelled(31);
    assert!(many.len() <= MAX_X_LABELS);
    assert_eq!(many.last(), Some(&30));
    assert!(labelled(0).is_empty());
}

#[test]
fn the_markup_has_the_target_the_gap_and_escaped_text() {
    let series = [Series {
        name: "A & B".into(),
        class: "kpi-s1",
        values: vec![Some(50.0), None, Some(100.0)],
    }];
    let labels = ["11-01".to_string(), "11-02".into(), "11-03".into()];
    let text = |v: f64| format!("{v}%");
    let spec = Spec {
        kind: Kind::Line,
        title: "<rate>",
        series: &series,
        labels: &labels,
        max: 100.0,
        target: Some(100.0),
        target_label: "target 100%",
        no_data: "no data",
        value_text: &text,
    };
    let svg = svg(&spec);
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    assert!(svg.contains("&lt;rate&gt;") && !svg.contains("<rate>"));
    assert!(svg.contains("A &amp; B"));
    assert_eq!(svg.matches(r#"class="kpi-gap""#).count(), 1);
    // Two single-point runs: dots, no polyline across the gap.
    assert_eq!(svg.matches("<polyline").count(), 0);
    assert_eq!(svg.matches("<circle").count(), 2);
    assert!(svg.contains(&format!(r#"y1="{TOP:.1}""#)));
    assert!(svg.contains("kpi-target-line"));
}
