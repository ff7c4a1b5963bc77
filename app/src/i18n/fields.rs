//! What a refused form field needs, in Chinese. The server explains each refused field
//! in English (`error.fields`); a Chinese screen shows the field's hint from here instead,
//! or the general one for a field not listed. Limits come from the same constants the
//! server checks.

use crate::domain::labour::{EXTRA_WORK_MAX_MINUTES, EXTRA_WORK_MAX_PARTS, EXTRA_WORK_MAX_QTY};
use crate::domain::text::{CONCERNS_MAX, DESCRIPTION_MAX};

/// The Chinese hint for a refused `field`.
pub fn zh_hint(field: &str) -> String {
    match field {
        "plate" => "车牌号格式不对，例如 粤B12345，新能源车如 粤BD12345".into(),
        "phone" | "contact_phone" => "请填写以1开头的11位手机号".into(),
        "name" => "请填写姓名".into(),
        "vin" => "车架号为17位字母和数字".into(),
        "model" => "请填写品牌和车型".into(),
        "colour" => "请检查车身颜色".into(),
        "mileage_km" => "里程数与上次记录不符，请核对仪表读数".into(),
        "scheduled_at" => "请选择一个还没过去、仍可预约的时间".into(),
        "vehicle_id" | "car" => "请先选择客户的车辆".into(),
        "package_km" => "请选择该车适用的保养套餐".into(),
        "service_ids" => "请检查所选的服务项目".into(),
        "concerns" => format!("故障描述最多 {CONCERNS_MAX} 字"),
        "description" => format!("请用 1 到 {DESCRIPTION_MAX} 字描述作业内容"),
        "labor_minutes" => format!("工时应在 1 到 {EXTRA_WORK_MAX_MINUTES} 分钟之间"),
        "parts" => format!(
            "每种配件只列一次，数量 1 到 {EXTRA_WORK_MAX_QTY}，最多 {EXTRA_WORK_MAX_PARTS} 种"
        ),
        "pin" => "PIN 为4到6位数字".into(),
        "signature" => "请在框内签名".into(),
        "payment_method" => "请选择付款方式".into(),
        _ => GENERAL.into(),
    }
}

/// For a field without a hint of its own.
pub const GENERAL: &str = "请检查标红的内容";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_the_forms_send_has_a_hint_of_its_own() {
        let fields = [
            "plate",
            "phone",
            "contact_phone",
            "name",
            "vin",
            "model",
            "colour",
            "mileage_km",
            "scheduled_at",
            "vehicle_id",
            "car",
            "package_km",
            "service_ids",
            "concerns",
            "description",
            "labor_minutes",
            "parts",
            "pin",
            "signature",
            "payment_method",
        ];
        for field in fields {
            let hint = zh_hint(field);
            assert_ne!(hint, GENERAL, "{field}");
            assert!(!hint.is_ascii(), "{field}: {hint}");
        }
        assert_eq!(zh_hint("unheard_of"), GENERAL);
        assert_eq!(zh_hint("labor_minutes"), "工时应在 1 到 960 分钟之间");
    }
}
