use super::*;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn visit(m: u32, d: u32, km: u32) -> Visit {
    Visit { on: day(m, d), km }
}

#[test]
fn one_visit_or_two_close_together_give_no_pace() {
    assert_eq!(km_per_day(&[]), None);
    assert_eq!(km_per_day(&[visit(3, 1, 10_000)]), None);
    assert_eq!(
        km_per_day(&[visit(3, 1, 10_000), visit(3, 10, 10_400)]),
        None
    );
}

#[test]
fn two_visits_give_the_pace_between_them_in_any_order() {
    let pace = km_per_day(&[visit(6, 1, 16_000), visit(3, 3, 10_000)]).unwrap();
    // 6,000 km in 90 days.
    assert!((pace - 6_000.0 / 90.0).abs() < 1e-9, "{pace}");
}

#[test]
fn many_visits_run_first_to_last_and_skip_a_reading_that_went_backwards() {
    let visits = [
        visit(1, 1, 5_000),
        visit(2, 1, 6_000),
        visit(3, 1, 600), // a typo at the desk
        visit(5, 1, 9_000),
    ];
    let pace = km_per_day(&visits).unwrap();
    assert!((pace - 4_000.0 / 120.0).abs() < 1e-9, "{pace}");
}

#[test]
fn a_car_that_drives_a_lot_is_due_by_kilometres_before_the_date() {
    let last = visit(6, 1, 20_000);
    let next = NextService {
        date: Some(day(12, 1)),
        km: Some(25_000),
    };
    // 100 km a day: 5,000 km in 50 days.
    assert_eq!(due_on(last, next, 100.0), Some(day(7, 21)));
    // At the usual pace, 125 days; a car that drives little reaches the date first.
    assert_eq!(due_on(last, next, USUAL_KM_PER_DAY), Some(day(10, 4)));
    assert_eq!(due_on(last, next, 20.0), Some(day(12, 1)));
    // Standing still, only the date counts; with nothing recorded there is no due day.
    assert_eq!(due_on(last, next, 0.0), Some(day(12, 1)));
    assert_eq!(
        due_on(
            last,
            NextService {
                date: None,
                km: None
            },
            40.0
        ),
        None
    );
}

#[test]
fn due_soon_is_soonest_first_and_leaves_out_booked_cars() {
    let car = |vehicle_id, due_on, booked| DueCar {
        vehicle_id,
        due_on,
        km_left: None,
        booked,
    };
    let cars = [
        car(3, day(12, 20), false),
        car(1, day(12, 10), false),
        car(2, day(12, 10), true),
        car(4, day(11, 28), false), // overdue: still on the list, first
        car(5, day(12, 31), false), // beyond the window
    ];
    let ids: Vec<i64> = due_soon(&cars, day(12, 1), 20, 0)
        .iter()
        .map(|c| c.vehicle_id)
        .collect();
    assert_eq!(ids, vec![4, 1, 3]);
}

#[test]
fn a_car_near_its_kilometres_is_due_whatever_the_date() {
    let cars = [
        DueCar {
            vehicle_id: 1,
            due_on: day(12, 31), // beyond 20 days by date
            km_left: Some(800),
            booked: false,
        },
        DueCar {
            vehicle_id: 2,
            due_on: day(12, 31),
            km_left: Some(1_200),
            booked: false,
        },
    ];
    let ids: Vec<i64> = due_soon(&cars, day(12, 1), 20, 1_000)
        .iter()
        .map(|c| c.vehicle_id)
        .collect();
    assert_eq!(ids, vec![1]);
}

#[test]
fn the_odometer_is_estimated_at_the_pace_since_the_last_visit() {
    let last = Visit {
        on: day(11, 1),
        km: 10_000,
    };
    assert_eq!(estimated_km(last, 50.0, day(11, 11)), 10_500);
    assert_eq!(
        estimated_km(last, 50.0, day(10, 1)),
        10_000,
        "never before the visit"
    );
}
