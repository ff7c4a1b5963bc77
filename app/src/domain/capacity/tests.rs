use super::*;

fn at(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn bay(id: i64, skills: &[&str], opens: NaiveTime, closes: NaiveTime) -> BayHours {
    BayHours {
        bay_id: id,
        skills: skills.iter().map(|s| s.to_string()).collect(),
        opens,
        closes,
        in_service: true,
    }
}

fn need(skill: &str, minutes: u32) -> Need {
    Need {
        skill: skill.to_string(),
        minutes,
    }
}

/// Bay 1 does quick service, bay 2 alignment and general repair; both 08:00–18:00.
fn two_bays() -> Vec<BayHours> {
    vec![
        bay(1, &["quick_service"], at(8, 0), at(18, 0)),
        bay(2, &["alignment", "general_repair"], at(8, 0), at(18, 0)),
    ]
}

fn slot_at(load: &[SlotLoad], start: NaiveTime) -> &SlotLoad {
    load.iter().find(|s| s.start == start).unwrap()
}

fn skill<'a>(slot: &'a SlotLoad, name: &str) -> Option<&'a SkillLoad> {
    slot.skills.iter().find(|s| s.skill == name)
}

#[test]
fn a_day_of_two_bays_open_eight_to_six_has_ten_hourly_slots() {
    let slots = day_slots(&two_bays());
    let expected: Vec<NaiveTime> = (8..=17).map(|h| at(h, 0)).collect();
    assert_eq!(slots, expected);
}

#[test]
fn the_day_runs_from_the_earliest_opening_to_the_latest_closing_in_whole_slots() {
    let bays = [
        bay(1, &["quick_service"], at(9, 0), at(17, 30)),
        bay(2, &["alignment"], at(7, 30), at(12, 0)),
    ];
    let slots = day_slots(&bays);
    assert_eq!(slots.first(), Some(&at(7, 30)));
    // 16:30–17:30 is the last whole slot before the latest closing.
    assert_eq!(slots.last(), Some(&at(16, 30)));
    assert_eq!(slots.len(), 10);
}

#[test]
fn no_bay_in_service_means_no_slots_and_no_load() {
    let mut bays = two_bays();
    for b in &mut bays {
        b.in_service = false;
    }
    assert!(day_slots(&bays).is_empty());
    assert!(day_slots(&[]).is_empty());
    assert!(day_load(
        &bays,
        &[(at(10, 0), vec![need("alignment", 60)])],
        &[],
        None
    )
    .is_empty());
}

#[test]
fn a_bay_that_opens_at_half_past_gives_half_the_first_slot() {
    let bays = [
        bay(1, &["quick_service"], at(8, 0), at(18, 0)),
        bay(2, &["quick_service", "alignment"], at(8, 30), at(17, 15)),
    ];
    assert_eq!(
        slot_capacity(&bays, at(8, 0)),
        vec![
            ("alignment".to_string(), 30),
            ("quick_service".to_string(), 90)
        ]
    );
    assert_eq!(
        slot_capacity(&bays, at(9, 0)),
        vec![
            ("alignment".to_string(), 60),
            ("quick_service".to_string(), 120)
        ]
    );
    assert_eq!(
        slot_capacity(&bays, at(17, 0)),
        vec![
            ("alignment".to_string(), 15),
            ("quick_service".to_string(), 75)
        ]
    );
}

#[test]
fn a_bay_with_two_skills_counts_for_each() {
    assert_eq!(
        slot_capacity(&two_bays(), at(10, 0)),
        vec![
            ("alignment".to_string(), 60),
            ("general_repair".to_string(), 60),
            ("quick_service".to_string(), 60),
        ]
    );
}

#[test]
fn an_out_of_service_bay_gives_no_capacity() {
    let mut bays = two_bays();
    bays[1].in_service = false;
    assert_eq!(
        slot_capacity(&bays, at(10, 0)),
        vec![("quick_service".to_string(), 60)]
    );
    let load = day_load(&bays, &[], &[], None);
    let ten = slot_at(&load, at(10, 0));
    assert!(skill(ten, "alignment").is_none());
    assert!(!fits(ten, &[need("alignment", 30)]));
    assert!(fits(ten, &[need("quick_service", 30)]));
}

#[test]
fn a_skill_no_bay_has_never_fits() {
    let load = day_load(&two_bays(), &[], &[], None);
    assert!(load.iter().all(|s| !fits(s, &[need("ev", 30)])));
    assert!(load.iter().all(|s| !fits(s, &[need("ev", 0)])));
    assert!(nearest_fitting(&load, &[need("ev", 30)], at(10, 0), None, 3).is_empty());
    // Work that needs it alongside a skill the workshop has does not fit either.
    assert!(!fits(
        &load[0],
        &[need("quick_service", 30), need("body", 60)]
    ));
}

#[test]
fn a_full_alignment_slot_does_not_block_a_free_oil_change_slot() {
    let bays = two_bays();
    let booked = [(at(10, 0), vec![need("alignment", 60)])];
    let load = day_load(&bays, &booked, &[], None);
    let ten = slot_at(&load, at(10, 0));
    assert_eq!(
        skill(ten, "alignment"),
        Some(&SkillLoad {
            skill: "alignment".to_string(),
            capacity: 60,
            booked: 60,
        })
    );
    assert_eq!(skill(ten, "quick_service").map(|s| s.booked), Some(0));

    assert!(fits(ten, &[need("quick_service", 30)]));
    assert!(!fits(ten, &[need("alignment", 60)]));
    assert_eq!(
        nearest_fitting(&load, &[need("alignment", 60)], at(10, 0), None, 2),
        vec![at(9, 0), at(11, 0)]
    );
    assert_eq!(
        nearest_fitting(&load, &[need("quick_service", 30)], at(10, 0), None, 1),
        vec![at(10, 0)]
    );
}

#[test]
fn nearest_fitting_respects_not_before_and_the_count() {
    let load = day_load(&two_bays(), &[], &[], None);
    let alignment = [need("alignment", 60)];
    assert_eq!(
        nearest_fitting(&load, &alignment, at(10, 0), Some(at(10, 30)), 3),
        vec![at(11, 0), at(12, 0), at(13, 0)]
    );
    assert_eq!(
        nearest_fitting(&load, &alignment, at(12, 20), None, 4),
        vec![at(12, 0), at(13, 0), at(11, 0), at(14, 0)]
    );
    assert!(nearest_fitting(&load, &alignment, at(12, 0), None, 0).is_empty());
    assert!(nearest_fitting(&load, &alignment, at(12, 0), Some(at(17, 1)), 3).is_empty());
}

#[test]
fn carried_work_fills_slots_forward_from_now_and_nothing_before() {
    let bays = two_bays();
    let load = day_load(&bays, &[], &[need("quick_service", 150)], Some(at(9, 30)));
    let booked: Vec<(NaiveTime, u32)> = load
        .iter()
        .map(|s| (s.start, skill(s, "quick_service").map_or(0, |k| k.booked)))
        .filter(|(_, b)| *b > 0)
        .collect();
    assert_eq!(
        booked,
        vec![(at(9, 0), 60), (at(10, 0), 60), (at(11, 0), 30)]
    );
    // Only quick service is touched.
    assert!(load
        .iter()
        .all(|s| skill(s, "alignment").is_some_and(|k| k.booked == 0)));
}

#[test]
fn carried_work_only_takes_what_bookings_leave_and_overflow_is_dropped() {
    let bays = two_bays();
    let booked = [(at(16, 0), vec![need("quick_service", 40)])];
    let load = day_load(
        &bays,
        &booked,
        &[need("quick_service", 500)],
        Some(at(15, 10)),
    );
    let qs = |h| {
        skill(slot_at(&load, at(h, 0)), "quick_service")
            .unwrap()
            .booked
    };
    assert_eq!(qs(14), 0);
    assert_eq!(qs(15), 60);
    assert_eq!(qs(16), 60); // 40 booked + 20 carried
    assert_eq!(qs(17), 60); // the rest is dropped at closing
}

#[test]
fn carried_work_is_not_counted_for_another_day() {
    let load = day_load(&two_bays(), &[], &[need("quick_service", 150)], None);
    assert!(load
        .iter()
        .all(|s| skill(s, "quick_service").is_some_and(|k| k.booked == 0)));
}

#[test]
fn a_booking_counts_whole_in_the_slot_of_its_start_or_the_nearest() {
    let bays = two_bays();
    let booked = [
        (at(10, 45), vec![need("alignment", 90)]),
        (at(7, 15), vec![need("quick_service", 20)]),
        (at(18, 30), vec![need("general_repair", 30)]),
    ];
    let load = day_load(&bays, &booked, &[], None);
    let aligned = |h| skill(slot_at(&load, at(h, 0)), "alignment").unwrap().booked;
    assert_eq!(aligned(10), 90);
    assert_eq!(aligned(11), 0);
    assert_eq!(
        skill(slot_at(&load, at(8, 0)), "quick_service")
            .unwrap()
            .booked,
        20
    );
    assert_eq!(
        skill(slot_at(&load, at(17, 0)), "general_repair")
            .unwrap()
            .booked,
        30
    );
}

#[test]
fn booked_work_for_a_skill_without_capacity_still_shows() {
    let booked = [(at(9, 0), vec![need("body", 120)])];
    let load = day_load(&two_bays(), &booked, &[], None);
    assert_eq!(
        skill(slot_at(&load, at(9, 0)), "body"),
        Some(&SkillLoad {
            skill: "body".to_string(),
            capacity: 0,
            booked: 120,
        })
    );
    assert!(skill(slot_at(&load, at(10, 0)), "body").is_none());
}

#[test]
fn an_empty_slot_takes_a_long_job_but_a_started_one_refuses_an_overflow() {
    let bays = [bay(1, &["general_repair"], at(8, 0), at(18, 0))];
    let empty = day_load(&bays, &[], &[], None);
    assert!(fits(
        slot_at(&empty, at(9, 0)),
        &[need("general_repair", 90)]
    ));

    let booked = [(at(9, 0), vec![need("general_repair", 10)])];
    let load = day_load(&bays, &booked, &[], None);
    let nine = slot_at(&load, at(9, 0));
    assert!(!fits(nine, &[need("general_repair", 55)]));
    assert!(fits(nine, &[need("general_repair", 50)]));
}

#[test]
fn a_zero_minute_need_only_asks_for_the_skill() {
    let bays = [bay(1, &["quick_service"], at(8, 0), at(18, 0))];
    let booked = [(at(9, 0), vec![need("quick_service", 75)])];
    let load = day_load(&bays, &booked, &[], None);
    let nine = slot_at(&load, at(9, 0));
    assert!(fits(nine, &[need("quick_service", 0)]));
    assert!(!fits(nine, &[need("quick_service", 1)]));
}

#[test]
fn needs_sum_per_skill_and_no_lines_mean_an_hour_of_diagnosis() {
    let lines = vec![
        ("quick_service".to_string(), 30),
        ("alignment".to_string(), 45),
        ("quick_service".to_string(), 15),
        ("electrical".to_string(), 0),
    ];
    assert_eq!(
        needs(&lines),
        vec![
            need("alignment", 45),
            need("electrical", 0),
            need("quick_service", 45),
        ]
    );
    assert_eq!(needs(&[]), vec![need(DIAGNOSIS_SKILL, DIAGNOSIS_MINUTES)]);
    assert_eq!(needs(&[]), vec![need("general_repair", 60)]);
}

#[test]
fn the_diagnosis_hour_fits_where_general_repair_is_free() {
    let bays = two_bays();
    let booked = [(at(8, 0), needs(&[]))];
    let load = day_load(&bays, &booked, &[], None);
    assert_eq!(
        nearest_fitting(&load, &needs(&[]), at(8, 0), None, 1),
        vec![at(9, 0)]
    );
}
