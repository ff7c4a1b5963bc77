//! Demo store data: the rows `seed.rs` writes, kept apart from the code that writes them.
//!
//! Rows refer to each other by code or plate, never by id; ids follow the order of each table
//! here (first row is id 1). Times are minutes: see [`Day`].

/// ¥300 an hour; must match the `labour_rate_fen_per_hour` setting below (a test checks).
pub(super) const LABOUR_RATE_FEN_PER_HOUR: i64 = 30_000;
/// The password of every demo staff account (listed in the README).
pub(super) const STAFF_PASSWORD: &str = "pitwall";

pub(super) const SETTINGS: &[(&str, &str)] = &[
    ("store_name_zh", "星辰汽车4S店 售后服务"),
    ("store_name_en", "Xingchen Motors Service"),
    ("labour_rate_fen_per_hour", "30000"),
    ("currency", "CNY"),
    ("desk_phone", "020-8888 6666"),
];

/// A bay and its team. The lead's PIN is the bay number four times (bay 2: 2222), the
/// technician's the bay number three times then 0 (bay 2: 2220).
pub(super) struct Bay {
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub team_name: &'static str,
    pub skills: &'static str,
    pub lead: &'static str,
    pub technician: &'static str,
}

#[rustfmt::skip]
pub(super) const BAYS: &[Bay] = &[
    Bay { name_zh: "1号工位 快速保养", name_en: "Bay 1 · Quick service", team_name: "快保组", skills: "quick_service", lead: "何志勇", technician: "马俊" },
    Bay { name_zh: "2号工位 机修", name_en: "Bay 2 · General repair", team_name: "机修一组", skills: "general_repair,quick_service", lead: "郭建华", technician: "林浩" },
    Bay { name_zh: "3号工位 机修", name_en: "Bay 3 · General repair", team_name: "机修二组", skills: "general_repair,quick_service", lead: "罗明辉", technician: "梁宇" },
    Bay { name_zh: "4号工位 四轮定位", name_en: "Bay 4 · Alignment", team_name: "底盘组", skills: "alignment,general_repair", lead: "宋国平", technician: "谢斌" },
    Bay { name_zh: "5号工位 电气/新能源", name_en: "Bay 5 · Electrical & EV", team_name: "电气组", skills: "electrical,ev,general_repair", lead: "唐海峰", technician: "韩雪" },
    Bay { name_zh: "6号工位 钣金喷漆", name_en: "Bay 6 · Body & paint", team_name: "钣喷组", skills: "body", lead: "冯志刚", technician: "邓文杰" },
];

/// (username, role, display name); all sign in with [`STAFF_PASSWORD`].
pub(super) const STAFF: &[(&str, &str, &str)] = &[
    ("advisor", "advisor", "王敏"),
    ("advisor2", "advisor", "陈静"),
    ("foreman", "foreman", "刘强"),
    ("qc", "qc_inspector", "赵磊"),
    ("washer", "washer", "孙涛"),
    ("manager", "manager", "周婷"),
    ("followup", "follow_up_agent", "吴佳"),
    ("supervisor", "reception_supervisor", "郑洁"),
];

/// PINs for staff who countersign at a bay's screen: QC at the QC station, the washer
/// at the wash bay (listed in the README).
pub(super) const STAFF_PINS: &[(&str, &str)] = &[("qc", "7777"), ("washer", "8888")];

pub(super) struct Part {
    pub code: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub price_fen: i64,
    /// On the shelf.
    pub on_hand: i64,
    /// At or below this many free to promise, the stock page shows the part as low.
    pub reorder_point: i64,
    /// On order from the regional warehouse, and in how many days it is expected.
    pub on_order: Option<(i64, i64)>,
}

#[rustfmt::skip]
pub(super) const PARTS: &[Part] = &[
    Part { code: "engine_oil_4l", name_zh: "全合成机油 0W-20 4L", name_en: "Fully synthetic engine oil 0W-20, 4 L", price_fen: 39_800, on_hand: 40, reorder_point: 10, on_order: None },
    Part { code: "oil_filter", name_zh: "机油滤清器", name_en: "Oil filter", price_fen: 6_800, on_hand: 60, reorder_point: 15, on_order: None },
    Part { code: "air_filter", name_zh: "空气滤清器", name_en: "Air filter", price_fen: 12_800, on_hand: 35, reorder_point: 8, on_order: None },
    Part { code: "cabin_filter", name_zh: "空调滤芯", name_en: "Cabin (A/C) filter", price_fen: 9_800, on_hand: 30, reorder_point: 8, on_order: None },
    Part { code: "fuel_filter", name_zh: "汽油滤清器", name_en: "Fuel filter", price_fen: 16_800, on_hand: 12, reorder_point: 12, on_order: Some((12, 1)) },
    Part { code: "brake_fluid_1l", name_zh: "刹车油 DOT4 1L", name_en: "Brake fluid DOT 4, 1 L", price_fen: 8_800, on_hand: 24, reorder_point: 6, on_order: None },
    Part { code: "atf_1l", name_zh: "自动变速箱油 1L", name_en: "Automatic transmission fluid, 1 L", price_fen: 12_800, on_hand: 48, reorder_point: 12, on_order: None },
    Part { code: "psf_1l", name_zh: "转向助力油 1L", name_en: "Power-steering fluid, 1 L", price_fen: 6_800, on_hand: 15, reorder_point: 4, on_order: None },
    Part { code: "spark_plug", name_zh: "铱金火花塞", name_en: "Iridium spark plug", price_fen: 9_800, on_hand: 32, reorder_point: 8, on_order: None },
    Part { code: "front_brake_pad_set", name_zh: "前刹车片（套）", name_en: "Front brake pads (set)", price_fen: 58_000, on_hand: 0, reorder_point: 2, on_order: Some((4, 2)) },
    Part { code: "throttle_cleaner", name_zh: "节气门清洗剂", name_en: "Throttle-body cleaner", price_fen: 4_800, on_hand: 20, reorder_point: 5, on_order: None },
    Part { code: "injector_cleaner", name_zh: "喷油嘴清洗剂", name_en: "Fuel-injector cleaner", price_fen: 8_800, on_hand: 20, reorder_point: 5, on_order: None },
    Part { code: "engine_flush", name_zh: "机油道清洗剂", name_en: "Engine oil-passage flush", price_fen: 6_800, on_hand: 25, reorder_point: 5, on_order: None },
    Part { code: "oil_system_protectant", name_zh: "润滑系统保护剂", name_en: "Lubrication system protectant", price_fen: 9_800, on_hand: 18, reorder_point: 5, on_order: None },
    Part { code: "battery_12v", name_zh: "免维护蓄电池 12V 60Ah", name_en: "Maintenance-free battery 12 V 60 Ah", price_fen: 68_000, on_hand: 6, reorder_point: 4, on_order: Some((4, 3)) },
    Part { code: "coolant_4l", name_zh: "长效冷却液 4L", name_en: "Long-life coolant, 4 L", price_fen: 15_800, on_hand: 16, reorder_point: 4, on_order: None },
];

/// A unit of work: standard minutes, the bay skill it needs, and the part (code, quantity) it uses.
pub(super) struct ServiceItem {
    pub code: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub minutes: i64,
    pub skill: &'static str,
    pub part: Option<(&'static str, i64)>,
}

#[rustfmt::skip]
pub(super) const SERVICE_ITEMS: &[ServiceItem] = &[
    ServiceItem { code: "oil_change", name_zh: "更换机油", name_en: "Engine oil change", minutes: 20, skill: "quick_service", part: Some(("engine_oil_4l", 1)) },
    ServiceItem { code: "oil_filter", name_zh: "更换机油滤清器", name_en: "Oil filter replacement", minutes: 10, skill: "quick_service", part: Some(("oil_filter", 1)) },
    ServiceItem { code: "air_filter", name_zh: "更换空气滤清器", name_en: "Air filter replacement", minutes: 10, skill: "quick_service", part: Some(("air_filter", 1)) },
    ServiceItem { code: "clean_oil_passages", name_zh: "清洗机油道", name_en: "Clean oil passages", minutes: 30, skill: "quick_service", part: Some(("engine_flush", 1)) },
    ServiceItem { code: "lubrication_protection", name_zh: "润滑系统保护", name_en: "Lubrication system protection", minutes: 15, skill: "quick_service", part: Some(("oil_system_protectant", 1)) },
    ServiceItem { code: "wheel_alignment", name_zh: "四轮定位", name_en: "Four-wheel alignment", minutes: 60, skill: "alignment", part: None },
    ServiceItem { code: "clean_throttle", name_zh: "清洗节气门", name_en: "Clean throttle body", minutes: 30, skill: "quick_service", part: Some(("throttle_cleaner", 1)) },
    ServiceItem { code: "clean_injectors", name_zh: "清洗喷油嘴", name_en: "Clean fuel injectors", minutes: 40, skill: "quick_service", part: Some(("injector_cleaner", 1)) },
    ServiceItem { code: "fuel_filter", name_zh: "更换汽油滤清器", name_en: "Fuel filter replacement", minutes: 30, skill: "quick_service", part: Some(("fuel_filter", 1)) },
    ServiceItem { code: "cabin_filter", name_zh: "更换空调滤芯", name_en: "Cabin (A/C) filter replacement", minutes: 10, skill: "quick_service", part: Some(("cabin_filter", 1)) },
    ServiceItem { code: "transmission_fluid", name_zh: "更换变速箱油", name_en: "Transmission fluid change", minutes: 60, skill: "general_repair", part: Some(("atf_1l", 4)) },
    ServiceItem { code: "power_steering_fluid", name_zh: "更换转向助力油", name_en: "Power-steering fluid change", minutes: 30, skill: "general_repair", part: Some(("psf_1l", 1)) },
    ServiceItem { code: "brake_fluid", name_zh: "更换刹车油", name_en: "Brake fluid change", minutes: 40, skill: "general_repair", part: Some(("brake_fluid_1l", 1)) },
    ServiceItem { code: "spark_plugs", name_zh: "更换火花塞", name_en: "Spark plug replacement", minutes: 40, skill: "general_repair", part: Some(("spark_plug", 4)) },
    ServiceItem { code: "valve_clearance", name_zh: "调整气门间隙", name_en: "Valve clearance adjustment", minutes: 90, skill: "general_repair", part: None },
    ServiceItem { code: "diagnosis", name_zh: "故障诊断", name_en: "Fault diagnosis", minutes: 30, skill: "general_repair", part: None },
    ServiceItem { code: "front_brake_pads", name_zh: "更换前刹车片", name_en: "Front brake pads replacement", minutes: 60, skill: "general_repair", part: Some(("front_brake_pad_set", 1)) },
    ServiceItem { code: "battery_check", name_zh: "电池检测", name_en: "Battery check", minutes: 20, skill: "electrical", part: None },
    ServiceItem { code: "ac_check", name_zh: "空调系统检查", name_en: "A/C system check", minutes: 30, skill: "general_repair", part: None },
    ServiceItem { code: "scratch_repair", name_zh: "漆面划痕修复", name_en: "Scratch repair", minutes: 120, skill: "body", part: None },
    ServiceItem { code: "tyre_rotation", name_zh: "轮胎换位", name_en: "Tyre rotation", minutes: 30, skill: "quick_service", part: None },
    ServiceItem { code: "traction_battery_check", name_zh: "动力电池检测", name_en: "Traction battery check", minutes: 40, skill: "ev", part: None },
    ServiceItem { code: "coolant", name_zh: "更换冷却液", name_en: "Coolant change", minutes: 40, skill: "general_repair", part: Some(("coolant_4l", 1)) },
];

/// A package of a maintenance schedule, by odometer.
pub(super) struct Package {
    pub km: i64,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub free: bool,
    pub items: &'static [&'static str],
}

/// The petrol default schedule: process.md's (seed 003).
#[rustfmt::skip]
pub(super) const PACKAGES: &[Package] = &[
    Package { km: 5_000, name_zh: "首次保养（免费）", name_en: "First service (free)", free: true, items: &["oil_change", "oil_filter"] },
    Package { km: 10_000, name_zh: "1万公里保养", name_en: "10,000 km service", free: false,
        items: &["oil_change", "oil_filter", "air_filter", "clean_oil_passages", "lubrication_protection", "wheel_alignment"] },
    Package { km: 15_000, name_zh: "1.5万公里保养", name_en: "15,000 km service", free: false, items: &["oil_change", "oil_filter"] },
    Package { km: 20_000, name_zh: "2万公里保养", name_en: "20,000 km service", free: false,
        items: &["oil_change", "oil_filter", "air_filter", "clean_oil_passages", "clean_throttle", "clean_injectors"] },
    Package { km: 30_000, name_zh: "3万公里保养", name_en: "30,000 km service", free: false,
        items: &["oil_change", "oil_filter", "air_filter", "clean_oil_passages", "fuel_filter", "wheel_alignment"] },
    Package { km: 40_000, name_zh: "4万公里大保养", name_en: "40,000 km major service", free: false,
        items: &["oil_change", "oil_filter", "air_filter", "cabin_filter", "clean_oil_passages", "clean_throttle", "clean_injectors",
            "wheel_alignment", "transmission_fluid", "power_steering_fluid", "brake_fluid", "spark_plugs", "valve_clearance"] },
];

/// Every seeded customer as (name, phone); customer ids follow this order.
pub const DEMO_CUSTOMERS: &[(&str, &str)] = &[
    ("李建国", "13926051873"),
    ("黄晓明", "15013579246"),
    ("张丽华", "18688231045"),
    ("吴志远", "13502468135"),
    ("郑美玲", "15918760342"),
    ("杨文博", "18925163307"),
    ("许佳怡", "13660428591"),
    ("曾国梁", "15820937164"),
];

pub(super) struct Vehicle {
    pub plate: &'static str,
    /// 1-based index into [`DEMO_CUSTOMERS`].
    pub customer: i64,
    pub vin: &'static str,
    pub model: &'static str,
    pub colour: &'static str,
    pub km: i64,
    /// `petrol`, `hybrid` or `electric`, and the model family (the schedule follows them).
    pub fuel: &'static str,
    pub family: &'static str,
}

#[rustfmt::skip]
pub(super) const VEHICLES: &[Vehicle] = &[
    Vehicle { plate: "粤B12345", customer: 1, vin: "LVGBE40K2PG012345", model: "丰田 汉兰达", colour: "黑色", km: 61_230, fuel: "petrol", family: "汉兰达" },
    Vehicle { plate: "粤A88K21", customer: 2, vin: "LSVCZ6A40NN067812", model: "大众 帕萨特", colour: "银色", km: 48_760, fuel: "petrol", family: "帕萨特" },
    Vehicle { plate: "粤B7N2S8", customer: 3, vin: "LFMA2ARE9S0034571", model: "丰田 卡罗拉", colour: "红色", km: 5_120, fuel: "petrol", family: "卡罗拉" },
    Vehicle { plate: "粤B5H6J9", customer: 4, vin: "LGBH52E02RY103386", model: "日产 轩逸", colour: "灰色", km: 15_340, fuel: "petrol", family: "轩逸" },
    Vehicle { plate: "粤A3C9F7", customer: 5, vin: "LSGUL83L0MA158274", model: "别克 GL8", colour: "黑色", km: 72_400, fuel: "petrol", family: "GL8" },
    Vehicle { plate: "粤B9E8R1", customer: 6, vin: "LVHRW1868RE028741", model: "本田 CR-V", colour: "蓝色", km: 20_180, fuel: "petrol", family: "CR-V" },
    Vehicle { plate: "粤AFA8021", customer: 7, vin: "LVGB1B3H8PG055216", model: "丰田 凯美瑞双擎", colour: "珍珠白", km: 30_510, fuel: "hybrid", family: "凯美瑞" },
    Vehicle { plate: "粤B2L5T3", customer: 8, vin: "LVRHFADLXNN219834", model: "马自达 CX-5", colour: "魂动红", km: 41_020, fuel: "petrol", family: "CX-5" },
    Vehicle { plate: "粤BD12345", customer: 8, vin: "LC0C76C40P1046352", model: "比亚迪 汉EV", colour: "白色", km: 33_860, fuel: "electric", family: "汉" },
    Vehicle { plate: "粤B6P3W5", customer: 5, vin: "L6T79F2D4RN048125", model: "吉利 星越L", colour: "灰色", km: 20_060, fuel: "petrol", family: "星越L" },
    Vehicle { plate: "粤B4M7K2", customer: 7, vin: "LFMAEACA6S0079643", model: "丰田 RAV4荣放", colour: "白色", km: 4_900, fuel: "petrol", family: "RAV4" },
    Vehicle { plate: "粤A6T1Z8", customer: 1, vin: "LSVCB6C43RN114502", model: "大众 朗逸", colour: "白色", km: 19_800, fuel: "petrol", family: "朗逸" },
    Vehicle { plate: "湘A5K2L7", customer: 4, vin: "LHGCY1672NB006318", model: "Honda Accord", colour: "银色", km: 39_600, fuel: "petrol", family: "Accord" },
];

/// Every seeded plate, in vehicle order.
pub const DEMO_PLATES: &[&str] = &{
    let mut plates = [""; VEHICLES.len()];
    let mut i = 0;
    while i < VEHICLES.len() {
        plates[i] = VEHICLES[i].plate;
        i += 1;
    }
    plates
};

const S5: &str = "首次保养（免费）：更换机油、机油滤清器";
const S10: &str =
    "1万公里保养：更换机油、机油滤清器、空气滤清器，清洗机油道，润滑系统保护，四轮定位";
const S15: &str = "1.5万公里保养：更换机油、机油滤清器";
const S20: &str = "2万公里保养：更换机油、机油滤清器、空气滤清器，清洗机油道、节气门、喷油嘴";
const S30: &str = "3万公里保养：更换机油、机油滤清器、空气滤清器、汽油滤清器，清洗机油道，四轮定位";
const S40: &str =
    "4万公里大保养：更换机油、三滤、变速箱油、助力油、刹车油、火花塞，清洗，四轮定位，调整气门间隙";

/// (plate, days before today, odometer km, summary).
#[rustfmt::skip]
pub(super) const HISTORY: &[(&str, i64, i64, &str)] = &[
    ("粤B12345", 420, 40_120, S40), ("粤B12345", 250, 50_300, "5万公里保养：更换机油、机油滤清器、空气滤清器"),
    ("粤B12345", 80, 55_800, "左后轮补胎，四轮动平衡"),
    ("粤A88K21", 330, 30_100, S30), ("粤A88K21", 150, 40_050, S40),
    ("粤B7N2S8", 160, 15, "新车交付前检查（PDI）"),
    ("粤B5H6J9", 300, 5_020, S5), ("粤B5H6J9", 150, 10_080, S10),
    ("粤A3C9F7", 360, 50_200, "5万公里保养：更换机油、机油滤清器、空气滤清器"),
    ("粤A3C9F7", 180, 60_150, S20), ("粤A3C9F7", 40, 70_010, "更换前刹车片、刹车油"),
    ("粤B9E8R1", 330, 5_100, S5), ("粤B9E8R1", 220, 10_030, S10), ("粤B9E8R1", 110, 15_060, S15),
    ("粤AFA8021", 200, 20_040, S20), ("粤AFA8021", 90, 25_100, "常规保养：更换机油、机油滤清器"),
    ("粤B2L5T3", 260, 30_080, S30), ("粤B2L5T3", 120, 35_500, "更换蓄电池"),
    ("粤BD12345", 300, 10_100, "1万公里检查：动力电池检测，更换空调滤芯"),
    ("粤BD12345", 150, 20_200, "2万公里检查：更换刹车油，四轮定位"),
    ("粤B6P3W5", 350, 5_050, S5), ("粤B6P3W5", 240, 10_020, S10), ("粤B6P3W5", 120, 15_010, S15),
    ("粤B6P3W5", 1, 20_060, S20),
    ("粤B4M7K2", 150, 8, "新车交付前检查（PDI）"),
    ("粤A6T1Z8", 380, 5_010, S5), ("粤A6T1Z8", 260, 10_060, S10), ("粤A6T1Z8", 130, 15_040, S15),
    ("湘A5K2L7", 400, 10_050, S10), ("湘A5K2L7", 300, 20_100, S20), ("湘A5K2L7", 150, 30_020, S30),
];

/// Today's bookings: (code, plate, minutes after the store's midnight, note).
/// Today's bookings: code, plate, store-local minute of the day, the package booked (by
/// its kilometres) and the advisor's note.
pub(super) const APPOINTMENTS: &[(&str, &str, i64, i64, &str)] = &[
    ("YY0001", "粤B4M7K2", 9 * 60 + 30, 5_000, "首次保养（免费）"),
    ("YY0002", "粤A6T1Z8", 11 * 60, 20_000, "2万公里保养"),
    (
        "YY0003",
        "湘A5K2L7",
        14 * 60 + 30,
        40_000,
        "4万公里大保养，客户在店等候",
    ),
];

#[cfg(test)]
mod tests {
    use super::super::job_data::{Job, JOBS};
    use super::*;

    #[test]
    fn the_labour_rate_setting_matches_the_constant() {
        let rate = SETTINGS
            .iter()
            .find(|(key, _)| *key == "labour_rate_fen_per_hour");
        assert_eq!(
            rate.map(|(_, value)| value.parse().ok()),
            Some(Some(LABOUR_RATE_FEN_PER_HOUR))
        );
    }

    #[test]
    fn customers_and_vehicles_look_real() {
        for (name, phone) in DEMO_CUSTOMERS {
            let mobile = ["13", "15", "18"]
                .iter()
                .any(|prefix| phone.starts_with(prefix));
            assert!(
                mobile && phone.len() == 11 && phone.bytes().all(|b| b.is_ascii_digit()),
                "{name}"
            );
        }
        for v in VEHICLES {
            assert!(
                (1..=DEMO_CUSTOMERS.len() as i64).contains(&v.customer),
                "{}",
                v.plate
            );
            assert!(
                v.vin.len() == 17 && !v.vin.contains(['I', 'O', 'Q']),
                "{}",
                v.plate
            );
            // Province character, city letter, then 5 characters (6 for a new-energy plate).
            assert!(matches!(v.plate.chars().count(), 7 | 8), "{}", v.plate);
        }
        assert_eq!(
            DEMO_PLATES,
            VEHICLES.iter().map(|v| v.plate).collect::<Vec<_>>()
        );
    }

    #[test]
    fn exactly_one_part_is_out_of_stock() {
        assert_eq!(PARTS.iter().filter(|p| p.on_hand == 0).count(), 1);
    }

    #[test]
    fn active_jobs_have_their_own_vehicles_and_never_lower_the_odometer() {
        let active: Vec<&Job> = JOBS
            .iter()
            .filter(|job| job.next_service.is_none())
            .collect();
        let mut plates: Vec<&str> = active.iter().map(|job| job.plate).collect();
        plates.sort_unstable();
        plates.dedup();
        assert_eq!(plates.len(), active.len());
        for job in JOBS {
            let vehicle = VEHICLES.iter().find(|v| v.plate == job.plate);
            assert!(
                vehicle.is_some_and(|v| job.mileage_km >= v.km),
                "{}",
                job.ticket
            );
        }
    }
}
