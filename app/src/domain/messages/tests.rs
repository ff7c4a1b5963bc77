use super::*;

fn facts() -> MessageFacts {
    MessageFacts {
        store_name: "星辰4S店".into(),
        plate: "粤B·12345".into(),
        when: Some("12月5日 10:00".into()),
        code: Some("K7Q4".into()),
        amount: Some("¥380.00".into()),
    }
}

fn text(kind: MessageKind, zh: bool) -> String {
    compose(kind, zh, &facts())
}

#[test]
fn every_message_names_the_store_and_the_plate_in_both_languages() {
    for kind in MessageKind::ALL {
        for zh in [true, false] {
            let t = text(kind, zh);
            assert!(
                t.contains("星辰4S店") && t.contains("粤B·12345"),
                "{kind:?} {zh}: {t}"
            );
            let most = if zh { 100 } else { 160 };
            assert!(t.chars().count() <= most, "SMS-sized: {kind:?} {zh}: {t}");
            assert!(
                !t.contains("None") && !t.contains("{"),
                "{kind:?} {zh}: {t}"
            );
        }
    }
}

#[test]
fn each_kind_carries_its_facts() {
    let needs: [(MessageKind, &[&str]); 6] = [
        (
            MessageKind::AppointmentConfirmed,
            &["12月5日 10:00", "K7Q4"],
        ),
        (MessageKind::Reminder, &[]),
        (MessageKind::CarReady, &[]),
        (MessageKind::EtaSlipped, &["12月5日 10:00"]),
        (MessageKind::ApprovalNeeded, &["¥380.00"]),
        (MessageKind::FollowUpReminder, &[]),
    ];
    for (kind, facts) in needs {
        for zh in [true, false] {
            let t = text(kind, zh);
            for fact in facts {
                assert!(t.contains(fact), "{kind:?} {zh} lacks {fact}: {t}");
            }
        }
    }
}

#[test]
fn the_words_say_what_happened_in_each_language() {
    let zh = |k| text(k, true);
    let en = |k| text(k, false);
    assert!(zh(MessageKind::AppointmentConfirmed).contains("自助机"));
    assert!(en(MessageKind::AppointmentConfirmed).contains("kiosk"));
    assert!(
        zh(MessageKind::Reminder).contains("保养") && zh(MessageKind::Reminder).contains("回复")
    );
    assert!(
        en(MessageKind::Reminder).contains("Reply") && en(MessageKind::Reminder).contains("call")
    );
    assert!(zh(MessageKind::CarReady).contains("取车"));
    assert!(en(MessageKind::CarReady).contains("ready to collect"));
    assert!(zh(MessageKind::ApprovalNeeded).contains("链接"));
    assert!(en(MessageKind::ApprovalNeeded).contains("link"));
    assert!(zh(MessageKind::FollowUpReminder).contains("致电"));
    assert!(en(MessageKind::FollowUpReminder).contains("call you"));
    let english = MessageFacts {
        store_name: "Star Motors".into(),
        plate: "B12345".into(),
        when: Some("5 Dec 10:00".into()),
        code: Some("K7Q4".into()),
        amount: Some("¥380.00".into()),
    };
    for kind in MessageKind::ALL {
        let t = compose(kind, false, &english);
        assert!(t.replace('¥', "").is_ascii(), "English words only: {t}");
        assert!(t.starts_with("Star Motors: "), "{t}");
    }
}

#[test]
fn a_missing_fact_leaves_its_phrase_out() {
    let bare = MessageFacts {
        store_name: "Star Motors".into(),
        plate: "粤B·12345".into(),
        ..MessageFacts::default()
    };
    for kind in MessageKind::ALL {
        for zh in [true, false] {
            let t = compose(kind, zh, &bare);
            assert!(t.contains("粤B·12345"), "{t}");
            assert!(
                !t.contains("  ") && !t.contains(" .") && !t.contains("，。"),
                "{t}"
            );
            assert!(
                !t.contains("()") && !t.contains("（）") && !t.contains("for ."),
                "{t}"
            );
        }
    }
    let t = compose(MessageKind::AppointmentConfirmed, false, &bare);
    assert!(t.contains("is confirmed. To change it"), "{t}");
}
