//! Invoice totals: what is charged, what is free, what is listed without charge.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::*;

fn item(id: i64, kind: &str, status: &str, labor: i64, parts: i64) -> serde_json::Value {
    json!({
        "id": id, "name_zh": format!("项目{id}"), "name_en": format!("item {id}"),
        "labor_minutes": 30, "labor_fen": labor, "parts_fen": parts,
        "kind": kind, "status": status, "safety_critical": false
    })
}

fn job(items: Vec<serde_json::Value>) -> JobView {
    let at = "2026-12-01T02:00:00Z";
    let value = json!({
        "id": 7, "ticket": "A07", "version": 9, "stage": "ready", "bay_id": 1, "queue_pos": null,
        "promised_at": at, "eta": at, "stage_since": at, "created_at": at, "flags": [],
        "pause_reason": null, "team_check_passed": true, "wash": false, "old_parts": "take",
        "payment_method": "wechat", "waiting": true, "mileage_km": 5_020, "concerns": "",
        "tracking_token": "t", "customer": {"id": 1, "name": "王伟", "phone": "13800000000"},
        "vehicle": {"id": 1, "plate": "粤B12345", "vin": null, "model": "Civic", "colour": null},
        "items": items, "currency": "CNY", "timeline": []
    });
    match serde_json::from_value(value) {
        Ok(job) => job,
        Err(e) => panic!("test job: {e}"),
    }
}

fn meta() -> InvoiceMeta {
    InvoiceMeta {
        number: "INV-1".into(),
        issued_at: DateTime::<Utc>::default(),
        draft: false,
        payment_method: "wechat".into(),
        next_service_km: Some(10_000),
        next_service_date: None,
        advisor: "李娜".into(),
    }
}

#[test]
fn done_work_and_approved_extras_are_charged_per_line() {
    let invoice = build_invoice(
        &job(vec![
            item(1, "order", "done", 6_000, 12_000),
            item(2, "additional", "done", 9_000, 38_000),
        ]),
        meta(),
    );
    assert_eq!(invoice.lines.len(), 2);
    assert_eq!(invoice.labor_fen, 15_000);
    assert_eq!(invoice.parts_fen, 50_000);
    assert_eq!(invoice.total_fen, 65_000);
    assert_eq!(invoice.lines[1].kind, ItemKind::Additional);
    assert!(invoice.uncharged.is_empty());
}

#[test]
fn the_free_first_service_is_listed_at_zero() {
    let mut free = item(1, "order", "done", 6_000, 12_000);
    free["free"] = json!(true);
    let invoice = build_invoice(&job(vec![free, item(2, "order", "done", 3_000, 0)]), meta());
    assert!(invoice.free_first_service);
    assert!(invoice.lines[0].free);
    assert_eq!(invoice.lines[0].labor_fen + invoice.lines[0].parts_fen, 0);
    assert_eq!(invoice.total_fen, 3_000);
}

#[test]
fn declined_and_not_done_work_is_listed_without_charge_and_pending_not_at_all() {
    let mut declined = item(2, "additional", "declined", 9_000, 38_000);
    declined["safety_critical"] = json!(true);
    declined["decision"] =
        json!({"by": "customer", "name": "王伟", "at": "2026-12-01T03:00:00Z", "signed": true});
    let mut not_done = item(3, "order", "todo", 3_000, 0);
    not_done["not_done_note"] = json!("part out of stock");
    let invoice = build_invoice(
        &job(vec![
            item(1, "order", "done", 6_000, 0),
            declined,
            not_done,
            item(4, "additional", "pending", 1_000, 0),
        ]),
        meta(),
    );
    assert_eq!(invoice.total_fen, 6_000);
    assert_eq!(invoice.uncharged.len(), 2);
    let d = &invoice.uncharged[0];
    assert_eq!(
        (d.reason, d.price_fen, d.signed),
        (UnchargedReason::Declined, 47_000, true)
    );
    assert!(d.safety_critical);
    let n = &invoice.uncharged[1];
    assert_eq!(n.reason, UnchargedReason::NotDone);
    assert_eq!(n.note.as_deref(), Some("part out of stock"));
}

#[test]
fn parts_issued_at_the_bay_are_the_parts_lines() {
    let mut used = item(1, "order", "done", 6_000, 12_000);
    used["parts"] =
        json!([{ "part_id": 3, "code": "oil", "name_zh": "机油", "name_en": "oil", "qty": 2 }]);
    used["issued"] = json!([
        { "part_id": 3, "code": "oil", "name_zh": "机油", "name_en": "oil", "qty": 2, "price_fen": 6_000,
          "by": "张师傅", "at": "2026-12-01T02:00:00Z" },
        { "part_id": 3, "code": "oil", "name_zh": "机油", "name_en": "oil", "qty": 1, "price_fen": 6_000,
          "by": "张师傅", "at": "2026-12-01T02:10:00Z" }
    ]);
    let invoice = build_invoice(
        &job(vec![used, item(2, "order", "done", 1_000, 500)]),
        meta(),
    );
    assert_eq!(invoice.lines[0].parts_fen, 18_000);
    assert_eq!(invoice.lines[0].parts.len(), 1);
    assert_eq!(invoice.lines[0].parts[0].qty, 3);
    // Nothing issued: the item's priced parts stand.
    assert_eq!(invoice.lines[1].parts_fen, 500);
    assert_eq!(invoice.parts_fen, 18_500);
}
