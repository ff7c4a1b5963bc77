//! Demo maintenance schedules beyond the petrol default (`data::PACKAGES`): a hybrid's
//! (the petrol work plus its battery check) and an electric car's (no oil, no filters
//! for it: cabin filter, tyres, brake fluid, coolant and the traction battery).

use super::data::{Package, PACKAGES};

#[rustfmt::skip]
pub(super) const HYBRID: &[Package] = &[
    Package { km: 5_000, name_zh: "首次保养（免费）", name_en: "First service (free)", free: true, items: &["oil_change", "oil_filter", "traction_battery_check"] },
    Package { km: 10_000, name_zh: "1万公里保养（混动）", name_en: "10,000 km hybrid service", free: false,
        items: &["oil_change", "oil_filter", "air_filter", "traction_battery_check", "tyre_rotation"] },
    Package { km: 20_000, name_zh: "2万公里保养（混动）", name_en: "20,000 km hybrid service", free: false,
        items: &["oil_change", "oil_filter", "air_filter", "cabin_filter", "traction_battery_check", "tyre_rotation"] },
    Package { km: 30_000, name_zh: "3万公里保养（混动）", name_en: "30,000 km hybrid service", free: false,
        items: &["oil_change", "oil_filter", "air_filter", "traction_battery_check", "tyre_rotation", "wheel_alignment"] },
    Package { km: 40_000, name_zh: "4万公里大保养（混动）", name_en: "40,000 km major hybrid service", free: false,
        items: &["oil_change", "oil_filter", "air_filter", "cabin_filter", "brake_fluid", "spark_plugs", "coolant",
            "traction_battery_check", "tyre_rotation", "wheel_alignment"] },
];

#[rustfmt::skip]
pub(super) const ELECTRIC: &[Package] = &[
    Package { km: 5_000, name_zh: "首次检查（免费）", name_en: "First check (free)", free: true, items: &["traction_battery_check", "tyre_rotation"] },
    Package { km: 10_000, name_zh: "1万公里检查（纯电）", name_en: "10,000 km EV check", free: false,
        items: &["cabin_filter", "traction_battery_check", "tyre_rotation"] },
    Package { km: 20_000, name_zh: "2万公里检查（纯电）", name_en: "20,000 km EV check", free: false,
        items: &["cabin_filter", "brake_fluid", "traction_battery_check", "tyre_rotation", "wheel_alignment"] },
    Package { km: 40_000, name_zh: "4万公里保养（纯电）", name_en: "40,000 km EV service", free: false,
        items: &["cabin_filter", "brake_fluid", "coolant", "traction_battery_check", "tyre_rotation", "wheel_alignment"] },
];

/// Every demo schedule: (fuel type, its default packages).
pub(super) const SCHEDULES: &[(&str, &[Package])] = &[
    ("petrol", PACKAGES),
    ("hybrid", HYBRID),
    ("electric", ELECTRIC),
];
