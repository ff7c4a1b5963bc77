//! `/desk/customers` strings; each key with Chinese and English side by side. Lines
//! carry `{n}`-style slots the page fills.

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cu {
    Title,
    SearchLabel,
    Search,
    TooShort,
    NoMatch,
    Name,
    Phone,
    MessagesOk,
    Edit,
    Save,
    Saved,
    Invalid,
    PlateTaken,
    Plate,
    Vin,
    Model,
    Colour,
    LastMileage,
    NextService,
    /// `{n}` km.
    Km,
    Upcoming,
    Book,
    Visits,
    NoVisits,
    Date,
    Work,
    /// `{n}`: the package's kilometres.
    Package,
    Ticket,
    Invoice,
    FollowUp,
    Complaints,
}

pub fn text(lang: Lang, key: Cu) -> &'static str {
    let (zh, en) = match key {
        Cu::Title => ("客户档案", "Customer file"),
        Cu::SearchLabel => ("车牌、手机号、姓名或车架号", "Plate, phone, name or VIN"),
        Cu::Search => ("查找", "Search"),
        Cu::TooShort => ("请至少输入 2 个字符。", "Type at least 2 characters."),
        Cu::NoMatch => ("没有找到客户。", "No customer found."),
        Cu::Name => ("姓名", "Name"),
        Cu::Phone => ("手机号", "Phone"),
        Cu::MessagesOk => ("接收通知", "Receives messages"),
        Cu::Edit => ("修改", "Edit"),
        Cu::Save => ("保存", "Save"),
        Cu::Saved => ("已保存。", "Saved."),
        Cu::Invalid => ("请检查标出的内容。", "Check the marked fields."),
        Cu::PlateTaken => (
            "该车牌已登记在另一辆车上。",
            "That plate is already on another car.",
        ),
        Cu::Plate => ("车牌", "Plate"),
        Cu::Vin => ("车架号", "VIN"),
        Cu::Model => ("车型", "Model"),
        Cu::Colour => ("颜色", "Colour"),
        Cu::LastMileage => ("上次里程", "Last mileage"),
        Cu::NextService => ("下次保养", "Next service"),
        Cu::Km => ("{n} 公里", "{n} km"),
        Cu::Upcoming => ("待到店预约", "Upcoming appointments"),
        Cu::Book => ("预约", "Book"),
        Cu::Visits => ("到店记录", "Visits"),
        Cu::NoVisits => ("暂无到店记录。", "No visits yet."),
        Cu::Date => ("日期", "Date"),
        Cu::Work => ("作业内容", "Work done"),
        Cu::Package => ("{n} 公里保养", "{n} km service"),
        Cu::Ticket => ("工单", "Ticket"),
        Cu::Invoice => ("结算单", "Invoice"),
        Cu::FollowUp => ("回访", "Follow-up"),
        Cu::Complaints => ("投诉", "Complaints"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
